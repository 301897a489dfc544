import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials';

describe('initials', () => {
  it('are the first letters of the first two words', () => {
    expect(initialsOf('Amanda Cole')).toBe('AC');
    expect(initialsOf('  john  van doe ')).toBe('JV');
    expect(initialsOf('')).toBe('');
  });
});
