import { describe, expect, it } from 'vitest';
import { nextStatus, systemMessageFor } from './status';

describe('status transitions', () => {
  it('allows exactly Close from Active and Reopen from Closed', () => {
    expect(nextStatus('active', 'close')).toBe('closed');
    expect(nextStatus('closed', 'reopen')).toBe('active');
    expect(nextStatus('active', 'reopen')).toBeUndefined();
    expect(nextStatus('closed', 'close')).toBeUndefined();
  });

  it('describes each change for the thread', () => {
    expect(systemMessageFor('closed', 'Charlie Sheen')).toBe('Charlie Sheen closed the conversation.');
    expect(systemMessageFor('active', 'John Doe')).toBe('John Doe reopened the conversation.');
  });
});
