// A browser page whose WebSockets the live tests can watch and cut: every
// socket the page opens is recorded with the frames it receives.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Pages } from './web';

interface Frame {
  type: string;
}
interface Probe {
  __sockets: WebSocket[];
  __frames: Frame[];
  /** while true, new sockets go to a path with no socket (refused, within the CSP's connect-src): the live client stays down and the screens must poll */
  __blockLive: boolean;
}

/**
 * A page whose WebSockets are recorded, with every frame they receive, so
 * that the test can wait for the live client to be caught up, drop its
 * socket, and see the raw frames a screen does not show.
 */
export function probedPage(pages: Pages, more?: (context: BrowserContext) => Promise<unknown>): Promise<Page> {
  return pages.newPage(1280, 800, async (context) => {
    await context.addInitScript(recordSockets);
    await more?.(context);
  });
}

function recordSockets() {
  const w = window as unknown as Probe & { WebSocket: typeof WebSocket };
  const Native = window.WebSocket;
  w.__sockets = [];
  w.__frames = [];
  w.__blockLive = false;
  w.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(w.__blockLive ? `${location.origin.replace(/^http/, 'ws')}/no-live-here` : url, protocols);
      w.__sockets.push(this);
      this.addEventListener('message', (e: MessageEvent) => w.__frames.push(JSON.parse(String(e.data)) as Frame));
    }
  };
}

/** Waits until the page's live client has had `ready` (caught up) `times` times in all. */
export async function liveReady(page: Page, times = 1) {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Probe).__frames.filter((f) => f.type === 'ready').length))
    .toBeGreaterThanOrEqual(times);
}

export const framesOf = (page: Page, type: string) =>
  page.evaluate((t) => (window as unknown as Probe).__frames.filter((f) => f.type === t), type);

/** Closes the page's sockets and keeps new ones from connecting, until restoreSockets. */
export async function dropSockets(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as Probe;
    w.__blockLive = true;
    w.__sockets.forEach((s) => s.close());
  });
}

/** Lets sockets connect again, and waits until the live client is caught up once more. */
export async function restoreSockets(page: Page) {
  const readyBefore = (await framesOf(page, 'ready')).length;
  await page.evaluate(() => {
    (window as unknown as Probe).__blockLive = false;
    // the client reconnects at once when the network says it is back
    window.dispatchEvent(new Event('online'));
  });
  await liveReady(page, readyBefore + 1);
}

/** How many of the page's sockets are not closed (closing counts as not yet). */
export const openSockets = (page: Page) =>
  page.evaluate(() => (window as unknown as Probe).__sockets.filter((s) => s.readyState !== WebSocket.CLOSED).length);
