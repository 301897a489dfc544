import { describe, expect, it } from 'vitest';
import { recordPathsUnder, recordTypeAt } from './recordPaths';

describe('record paths', () => {
  it('are the same segments under either app', () => {
    expect(recordPathsUnder('').page('order', 7)).toBe('/orders/7');
    expect(recordPathsUnder('/admin').list('rfq')).toBe('/admin/rfqs');
    expect(recordPathsUnder('/admin').page('quote', 3)).toBe('/admin/quotes/3');
  });

  it('read back the type a segment names, and no other', () => {
    expect(recordTypeAt('quotes')).toBe('quote');
    expect(recordTypeAt('customers')).toBeUndefined();
  });
});
