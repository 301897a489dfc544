import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { loadConfig } from './config';
import { demoAccounts, DEMO_PASSWORD } from './seed/demo';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// `||`, not `??`: an empty PARLEY_WEB_DIR must not mean "serve the current folder"
const config = { ...loadConfig(), webDir: process.env.PARLEY_WEB_DIR || path.join(root, 'dist/web') };
const { app, database } = await buildApp(config);

const shutdown = async (signal: string) => {
  app.log.info(`${signal}: closing`);
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

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
