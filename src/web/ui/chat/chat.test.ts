import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColour } from './avatarColour';
import { continuesGroup } from './grouping';
import { titleWithUnread } from './useTitleUnread';
import type { Message } from '../../../shared/api';

describe('chat pieces', () => {
  it('gives each person a stable colour from the palette, and spreads people over it', () => {
    expect(avatarColour('customer_user:7')).toBe(avatarColour('customer_user:7'));
    expect(AVATAR_COLOURS).toContain(avatarColour('backoffice_user:2'));
    const used = new Set(Array.from({ length: 40 }, (_, i) => avatarColour(`customer_user:${i}`)));
    expect(used.size).toBeGreaterThanOrEqual(6);
  });

  it('puts the unread count before the title, replaces an old one, and drops it at 0', () => {
    expect(titleWithUnread('Conversations · Parley', 3)).toBe('(3) Conversations · Parley');
    expect(titleWithUnread('(3) Conversations · Parley', 5)).toBe('(5) Conversations · Parley');
    expect(titleWithUnread('(5) Conversations · Parley', 0)).toBe('Conversations · Parley');
    expect(titleWithUnread('Parley', 120)).toBe('(99+) Parley');
  });

  it('groups one person’s consecutive messages of one kind within five minutes, and nothing across a status line', () => {
    const author = {
      kind: 'backoffice_user' as const,
      participantId: 1,
      userId: 2,
      name: 'John Doe',
      initials: 'JD',
      role: 'administrator',
      deleted: false,
    };
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 10, minute)).toISOString();
    const message = (seq: number, minute: number, more: Partial<Message> = {}): Message => ({
      id: seq,
      conversationId: 1,
      seq,
      type: 'text',
      body: `m${seq}`,
      author,
      sentBy: null,
      createdAt: at(minute),
      ...more,
    });
    expect(continuesGroup(message(1, 0), message(2, 4))).toBe(true);
    expect(continuesGroup(undefined, message(2, 4))).toBe(false);
    expect(continuesGroup(message(1, 0), message(2, 6))).toBe(false);
    expect(continuesGroup(message(1, 0), message(2, 1, { type: 'note' }))).toBe(false);
    expect(continuesGroup(message(1, 0, { type: 'system', author: null }), message(2, 1))).toBe(false);
    expect(continuesGroup(message(1, 0), message(2, 1, { author: { ...author, userId: 3 } }))).toBe(false);
    expect(continuesGroup(message(1, 0), message(2, 1, { sentBy: { id: 2, name: 'John Doe' } }))).toBe(false);
  });
});
