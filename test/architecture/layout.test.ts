// The layout's rules (imports.ts) hold for src/, and the checker does catch
// each kind of break, named by file.
import { describe, expect, it } from 'vitest';
import { checkLayout, readSources, type SourceFile } from './imports';

const files = (entries: Record<string, string>): SourceFile[] => Object.entries(entries).map(([file, text]) => ({ file, text }));

describe('the layout', () => {
  it('holds for src/: no cycle, nothing upward, modules through their index, tables queried by their owner', () => {
    const sources = readSources();
    expect(sources.length).toBeGreaterThan(100);
    expect(checkLayout(sources)).toEqual([]);
  });

  it('finds a cycle, type-only imports included, naming its files', () => {
    const problems = checkLayout(
      files({
        'src/server/people/a.ts': "import type { B } from './b';\nexport type A = B;",
        'src/server/people/b.ts': "import { a } from './a';\nexport const b = a;",
      }),
    );
    expect(problems).toEqual(['import cycle: src/server/people/a.ts -> src/server/people/b.ts']);
  });

  it('finds an upward import, the web importing the server, shared importing either, and the shell importing a feature', () => {
    const problems = checkLayout(
      files({
        'src/server/db/database.ts': "import { x } from '../people';",
        'src/server/people/index.ts': 'export const x = 1;',
        'src/server/http/auth.ts': "import { x } from '../people';",
        'src/web/ui/live.ts': "import type { F } from '../../server/realtime/protocol';",
        'src/server/realtime/protocol.ts': 'export type F = 1;',
        'src/shared/api.ts': "import { F } from '../web/ui/live';",
        'src/web/backoffice/shell/AppShell.tsx': "import { gridPath } from '../conversations/gridQuery';",
        'src/web/backoffice/conversations/gridQuery.ts': 'export const gridPath = 1;',
      }),
    );
    expect(problems).toEqual([
      'upward import (db -> people): src/server/db/database.ts -> src/server/people/index.ts',
      'upward import (http -> people): src/server/http/auth.ts -> src/server/people/index.ts',
      'web imports the server: src/web/ui/live.ts -> src/server/realtime/protocol.ts',
      'shared imports web: src/shared/api.ts -> src/web/ui/live.ts',
      'the shell imports a feature: src/web/backoffice/shell/AppShell.tsx -> src/web/backoffice/conversations/gridQuery.ts',
    ]);
  });

  it("finds a module reaching past another's index.ts, and a query of another module's table", () => {
    const problems = checkLayout(
      files({
        'src/server/people/people.table.ts': "declare module '../db/schema' { interface DB { customers: unknown } }",
        'src/server/people/people.repo.ts': "export const q = (db) => db.selectFrom('customers as c');",
        'src/server/people/index.ts': "export * from './people.repo';",
        'src/server/records/records.repo.ts':
          "import { q } from '../people/people.repo';\nexport const r = (db) => db.deleteFrom('customers').leftJoin('customers', 'a', 'b');",
      }),
    );
    expect(problems).toEqual([
      'module records reaches into people past its index.ts: src/server/records/records.repo.ts -> src/server/people/people.repo.ts',
      'queries customers, which src/server/people owns: src/server/records/records.repo.ts',
    ]);
  });
});
