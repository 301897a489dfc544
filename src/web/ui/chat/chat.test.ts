import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColour } from './avatarColour';
import { titleWithUnread } from './useTitleUnread';

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
});
