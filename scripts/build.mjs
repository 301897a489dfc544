// Builds what is out of date: the web apps (Vite) into dist/web and the
// server (esbuild, dependencies left external) into dist/server/main.mjs.
// `--force` rebuilds both; `--server-only` skips the web apps.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const force = process.argv.includes('--force');

function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  dirs.forEach(walk);
  return newest;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

const serverInputs = ['src/server', 'src/shared', 'package-lock.json'];
const serverOutputs = [
  'dist/server/main.mjs',
  'dist/server/write-worker.mjs',
  'dist/server/fsync-thread.mjs',
  'dist/server/checkpoint-thread.mjs',
  'dist/server/search-index-thread.mjs',
];
if (force || Math.min(...serverOutputs.map(mtime)) < newestMtime(serverInputs)) {
  console.log('Building the server…');
  await build({
    // the server, and SQLite's write path threads (workers it starts from its own folder)
    entryPoints: {
      main: 'src/server/main.ts',
      'write-worker': 'src/server/write-worker.ts',
      'fsync-thread': 'src/server/writes/fsync-thread.ts',
      'checkpoint-thread': 'src/server/writes/checkpoint-thread.ts',
      'search-index-thread': 'src/server/search/search-index-thread.ts',
    },
    outdir: 'dist/server',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

// the web apps after the server, so a broken web build never leaves a stale server
if (!process.argv.includes('--server-only')) {
  const webInputs = ['src/web', 'src/shared', 'index.html', 'admin/index.html', 'vite.config.ts', 'package-lock.json'];
  if (force || mtime('dist/web/index.html') < newestMtime(webInputs)) {
    console.log('Building the web apps…');
    execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
  }
}
