import { describe, expect, it } from 'vitest';
import { dayKey, dayLabel, formatMoment, formatShortDateTime } from './time';

describe('day labels', () => {
  const now = new Date(2026, 10, 27, 15, 0);
  it('says Today, Yesterday, then the date', () => {
    expect(dayLabel(new Date(2026, 10, 27, 0, 5).toISOString(), now)).toBe('Today');
    expect(dayLabel(new Date(2026, 10, 26, 23, 59).toISOString(), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 10, 20, 9, 0).toISOString(), now)).toContain('2026');
  });

  it('groups by the local day', () => {
    expect(dayKey(new Date(2026, 10, 27, 0, 1).toISOString())).toBe(dayKey(new Date(2026, 10, 27, 23, 59).toISOString()));
    expect(dayKey(new Date(2026, 10, 26, 23, 59).toISOString())).not.toBe(dayKey(new Date(2026, 10, 27, 0, 1).toISOString()));
  });

  it('shows list times as a time today and a date before', () => {
    expect(formatMoment(new Date(2026, 10, 27, 9, 30).toISOString(), now)).toMatch(/9:30/);
    expect(formatMoment(new Date(2026, 10, 26, 9, 30).toISOString(), now)).toBe('Yesterday');
    expect(formatMoment(new Date(2025, 0, 3).toISOString(), now)).toContain('2025');
  });

  it('shows grid times with the year only when it is not this one', () => {
    expect(formatShortDateTime(new Date(2026, 10, 27, 16, 29).toISOString(), now)).not.toContain('2026');
    expect(formatShortDateTime(new Date(2025, 0, 3, 9, 0).toISOString(), now)).toContain('2025');
  });
});
