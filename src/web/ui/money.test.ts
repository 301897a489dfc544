import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('money', () => {
  it('is written in its currency, and as it came for a currency the browser does not know', () => {
    expect(formatMoney({ total: '1250.00', currency: 'USD' })).toMatch(/1,250\.00/);
    expect(formatMoney({ total: '12.50', currency: 'not-a-currency' })).toBe('12.50 not-a-currency');
  });
});
