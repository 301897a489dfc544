import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogMarkdown } from './error-handler';

describe('error catalog', () => {
  it('is documented in the README exactly as the server answers', () => {
    expect(fs.readFileSync('README.md', 'utf8')).toContain(errorCatalogMarkdown());
  });
});
