// What every browser test does around its pages: open them (any alert() is
// recorded, for the XSS tests to fail on), sign in on either side, ask axe,
// and act through either side's API as a signed-in user.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

export const PASSWORD = 'parley-demo';

export type Side = 'storefront' | 'backoffice';
const HOME: Record<Side, string> = { storefront: '/', backoffice: '/admin' };
const API: Record<Side, string> = { storefront: '/api', backoffice: '/admin/api' };

export interface Pages {
  /** the message of every dialog any page opened (each one dismissed) */
  dialogs: string[];
  /** every Content-Security-Policy violation any page reported (each console line, with its page's URL) */
  cspViolations: string[];
  /** `init` runs on the new context before its page opens (init scripts) */
  newPage(width?: number, height?: number, init?: (context: BrowserContext) => Promise<unknown>): Promise<Page>;
  close(): Promise<void>;
}

/** One browser for a test file; its pages wait at most 10 s for anything. */
export async function openPages(): Promise<Pages> {
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  return {
    dialogs,
    cspViolations,
    async newPage(width = 1280, height = 800, init) {
      const context = await browser.newContext({ viewport: { width, height } });
      contexts.push(context);
      // an init script runs whatever the page's CSP says: it reports what the CSP blocked
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
        ),
      );
      await init?.(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('console', (m) => {
        if (/CSP violation|Content Security Policy/.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/**
 * Inside a describe: before its tests, starts the built server with fresh
 * demo data (PARLEY_WEB_DIR passes through; unset, it serves dist/web) and a
 * browser, and hands both to `ready`; after them, stops both, and fails if
 * any page broke the Content-Security-Policy. An `env` function is called
 * then, once what it names (an S3 server on its port) has started.
 */
export function withServerAndPages(
  env: Record<string, string> | (() => Record<string, string>),
  ready: (server: RunningServer, pages: Pages) => Promise<void> | void,
) {
  let server: RunningServer | undefined;
  let pages: Pages | undefined;
  beforeAll(async () => {
    server = await startServer(typeof env === 'function' ? env() : env);
    pages = await openPages();
    await ready(server, pages);
  });
  afterAll(async () => {
    const violations = pages?.cspViolations ?? [];
    await pages?.close();
    await server?.stop();
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  });
}

/** Signs in on the side's own sign-in page and waits for its Conversations page. */
export async function signIn(page: Page, origin: string, side: Side, email: string) {
  await page.goto(`${origin}${HOME[side]}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByRole('heading', { name: 'Conversations', level: 1 }).waitFor();
}

export type Api = (<T = unknown>(method: string, path: string, body?: unknown) => Promise<T>) & { cookie: string };

/**
 * A signed-in session on the side's API, as plain fetch calls that must
 * succeed; a POST without a body sends `{}`.
 */
export async function apiAs(origin: string, side: Side, email: string): Promise<Api> {
  const base = `${origin}${API[side]}`;
  const res = await fetch(`${base}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const json = body !== undefined || method === 'POST';
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify(body ?? {}) : null,
    });
    expect(r.status, await r.clone().text()).toBeLessThan(300);
    return (await r.json()) as T;
  };
  return Object.assign(call, { cookie });
}

/** axe's serious and critical findings, one line each (an empty list passes). */
export async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
/** The open conversation's messages, on either side. */
export const thread = (page: Page) => page.getByRole('log', { name: 'Messages' });

const RESULTS = 'test-results/screenshots';
const DOCS = 'docs/screenshots';

/**
 * Saves `name`.png under test-results/screenshots (git-ignored) on every run;
 * with PARLEY_UPDATE_SCREENSHOTS=1 also under docs/screenshots, where the
 * README shows it, so that a plain run leaves the tracked images alone.
 */
export async function screenshot(page: Page, name: string, { docs = true } = {}) {
  const png = await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
  if (docs && process.env.PARLEY_UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(DOCS, { recursive: true });
    fs.writeFileSync(path.join(DOCS, `${name}.png`), png);
  }
}
