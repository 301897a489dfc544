import { describe, expect, it } from 'vitest';
import { typingText } from './useTyping';

describe('typing text', () => {
  it('names one or two typists, and no one as nothing', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Amanda Cole'])).toBe('Amanda Cole is typing…');
    expect(typingText(['Amanda Cole', 'Ruth Ortiz'], 2)).toBe('Amanda Cole and Ruth Ortiz are typing…');
  });

  it('lists every name, or says several past the limit', () => {
    expect(typingText(['A', 'B', 'C'])).toBe('A, B and C are typing…');
    expect(typingText(['A', 'B', 'C'], 2)).toBe('Several people are typing…');
  });
});
