/**
 * "AC" from "Amanda Cole": the first letters of the first two words, as the
 * server makes a message author's initials, for avatars it gives none for.
 */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}
