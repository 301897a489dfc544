import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { loadConfig } from './config';
import { demoAccounts, DEMO_PASSWORD } from './seed/demo';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// `||`, not `??`: an empty PARLEY_WEB_DIR must not mean "serve the current folder"
const config = { ...loadConfig(), webDir: process.env.PARLEY_WEB_DIR || path.join(root, 'dist/web') };
const { app, database } = await buildApp(config);

// Graceful: stop accepting, answer what is in flight, write what was handed to the
// writer, close live sockets with 1001 (clients resume elsewhere), hand the
// consumers' leases back; past the bound, exit anyway (a second signal: at once)
const shutdown = (signal: string) => {
  app.log.info(`${signal}: closing`);
  setTimeout(() => {
    console.error(`[parley] ${signal}: still closing after ${config.shutdownTimeoutMs} ms; exiting`);
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('[parley] closing failed:', error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const base = `http://localhost:${config.port}`;
const where = database.dialect === 'sqlite' ? path.resolve(config.dataDir, 'parley.db') : 'PostgreSQL';
console.log(`
Parley is running (${database.dialect}: ${where})
  Storefront   ${base}/
  Back-office  ${base}/admin
  API docs     ${base}/api/docs
${
  config.seed === 'demo'
    ? `
Demo accounts (password "${DEMO_PASSWORD}"):
${[...demoAccounts.storefront.map((a) => `  storefront   ${a.email.padEnd(26)} ${a.name}, ${a.customer} (${a.role})`), ...demoAccounts.backoffice.map((a) => `  back-office  ${a.email.padEnd(26)} ${a.name} (${a.role})`)].join('\n')}
`
    : ''
}`);
