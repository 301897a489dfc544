// `npm start` and `npm test` run this first: installs dependencies when they
// are missing or older than package-lock.json, so a fresh clone needs no step.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale =
  !fs.existsSync(marker) ||
  (fs.existsSync('package-lock.json') && fs.statSync('package-lock.json').mtimeMs > fs.statSync(marker).mtimeMs) ||
  !fs.existsSync('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
if (stale) {
  console.log('Installing dependencies (better-sqlite3 compiles from source: about two minutes the first time)…');
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
  if (!fs.existsSync('node_modules/better-sqlite3/build/Release/better_sqlite3.node')) {
    execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
  }
}
