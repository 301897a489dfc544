// A stable colour per person, so that two people with the same initials, or
// two staff in one thread, are told apart at a glance. The same key gives the
// same colour in every session and on both sides.

/** Background colours that all keep white initials at WCAG AA contrast (4.5:1 or more). */
export const AVATAR_COLOURS = ['#2451b7', '#16794a', '#9a3412', '#7c3aed', '#0e7490', '#b4235a', '#4d5b0f', '#5b4636'] as const;

/** A small, stable string hash (FNV-1a); not for security, only to spread keys over the palette. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The avatar background for a person: key them by kind and id ("customer_user:7"), or by name when there is no id. */
export function avatarColour(key: string | number): string {
  return AVATAR_COLOURS[hash(String(key)) % AVATAR_COLOURS.length]!;
}
