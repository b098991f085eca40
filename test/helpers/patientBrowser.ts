/**
 * Playwright's own waits (30 s by default for an action, a navigation or a wait for an element)
 * raised to the suites' generous bound for every context a browser suite opens: on a busy
 * shared machine a page is slow, not broken. Tests assert behaviour, never speed. A request
 * through `page.request` keeps its own 30 s default: pass it `{ timeout: BROWSER_WAIT_MS }`.
 */
import type { BrowserContext } from 'playwright-core';

export const BROWSER_WAIT_MS = 120_000;

export function patient(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(BROWSER_WAIT_MS);
  context.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
  return context;
}
