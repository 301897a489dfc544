import { describe, expect, it } from 'vitest';
import { fileKindLabel, formatFileSize, typeAllowed } from './fileSize';

describe('file sizes and kinds', () => {
  it('reads as people say them', () => {
    expect([formatFileSize(1), formatFileSize(12), formatFileSize(348_160), formatFileSize(2_516_582), formatFileSize(26_214_400)]).toEqual(
      ['1 byte', '12 bytes', '340 KB', '2.4 MB', '25 MB'],
    );
  });
  it('labels kinds, and checks families in the allowlist', () => {
    expect([fileKindLabel('application/pdf', 'x'), fileKindLabel('text/csv', 'a.csv'), fileKindLabel('text/plain', 'notes.txt')]).toEqual([
      'PDF',
      'XLS',
      'TXT',
    ]);
    expect([typeAllowed(['image/*'], 'image/png'), typeAllowed(['image/png'], 'image/svg+xml')]).toEqual([true, false]);
  });
});
