import { describe, expect, it } from 'vitest';
import { SUBJECT_MAX } from '../../../shared/api';
import { followUpSubject } from './followUp';

describe('followUpSubject', () => {
  it('names the closed conversation, within the subject limit', () => {
    expect(followUpSubject('Payment terms')).toBe('Follow-up: Payment terms');
    const long = followUpSubject('x'.repeat(SUBJECT_MAX));
    expect(long).toHaveLength(SUBJECT_MAX);
    expect(long.endsWith('x…')).toBe(true);
  });
});
