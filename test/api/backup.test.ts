// `npm run backup -- <file>` while the server takes posts: the copy is
// consistent, and a server started on it (the restore) has every message
// acknowledged before the backup began, and the files they carry.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emails, kind } from '../support/api';
import { firstActiveConversation, request, signInOver, wholeThread } from '../support/http-client';
import { startServer } from '../support/server';

const run = promisify(execFile);

describe.skipIf(kind !== 'sqlite')('online backup and restore [sqlite]', () => {
  it('copies the database while posts go on; the restored copy has every message acknowledged before it began', async () => {
    const server = await startServer();
    const restoreDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-restore-'));
    let restored: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const amanda = await signInOver(server.url, '/api', emails.amanda, 'parley-demo');
      const target = await firstActiveConversation(server.url, amanda.headers);
      const post = async (i: number) => {
        const res = await request(`${server.url}/api/conversations/${target}/messages`, {
          method: 'POST',
          headers: amanda.headers,
          body: { body: `backed up ${i} ${'x'.repeat(2000)}` },
        });
        expect(res.status).toBe(201);
        return (JSON.parse(res.body) as { id: number }).id;
      };
      const before = await Promise.all(Array.from({ length: 300 }, (_, i) => post(i)));
      // and one with a file, kept on the disk
      const form = new FormData();
      const pdf = Buffer.from('%PDF-1.4\n% backed up\n%%EOF\n');
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'delivery-note.pdf');
      const uploaded = await fetch(`${server.url}/api/attachments`, { method: 'POST', headers: amanda.headers, body: form });
      expect(uploaded.status).toBe(201);
      const { id: fileId } = (await uploaded.json()) as { id: number };
      const withFile = await request(`${server.url}/api/conversations/${target}/messages`, {
        method: 'POST',
        headers: amanda.headers,
        body: { attachmentIds: [fileId] },
      });
      expect(withFile.status).toBe(201);

      // posts keep coming while the backup runs
      let writing = true;
      const during = (async () => {
        const ids: number[] = [];
        for (let i = 300; writing; i++) ids.push(await post(i));
        return ids;
      })();
      const file = path.join(restoreDir, 'parley.db');
      const { stdout } = await run('npx', ['tsx', 'src/server/backup.ts', file], {
        env: { ...process.env, PARLEY_DATA_DIR: server.dataDir },
      });
      writing = false;
      expect((await during).length).toBeGreaterThan(0);
      expect(stdout).toMatch(/integrity ok/);
      expect(stdout).toMatch(/Copied [1-9]\d* attachment files to .*parley\.db\.attachments\./);
      // a second backup to the same file is refused rather than overwriting it
      await expect(
        run('npx', ['tsx', 'src/server/backup.ts', file], { env: { ...process.env, PARLEY_DATA_DIR: server.dataDir } }),
      ).rejects.toThrow(/exists already/);

      // the restore: a server on the copy, the files' folder put in place as PARLEY_DATA_DIR/attachments
      fs.renameSync(`${file}.attachments`, path.join(restoreDir, 'attachments'));
      restored = await startServer({}, { dataDir: restoreDir });
      const amanda2 = await signInOver(restored.url, '/api', emails.amanda, 'parley-demo');
      const ids = new Set((await wholeThread(restored.url, amanda2.headers, target)).map((m) => m.id));
      for (const id of before) expect(ids.has(id)).toBe(true);
      // and the file, byte for byte
      const download = await fetch(`${restored.url}/api/attachments/${fileId}`, { headers: amanda2.headers });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    } finally {
      await restored?.stop();
      await server.stop();
      fs.rmSync(restoreDir, { recursive: true, force: true });
    }
  }, 90_000);
});
