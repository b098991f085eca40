/**
 * The browser suites' browser (which binary, its flags, what a machine without one is told), and
 * Playwright's own waits (30 s by default for an action, a navigation or a wait for an element)
 * raised to the suites' generous bound for every context a browser suite opens: on a busy
 * shared machine a page is slow, not broken. Tests assert behaviour, never speed. A request
 * through `page.request` keeps its own 30 s default: pass it `{ timeout: BROWSER_WAIT_MS }`.
 */
import { existsSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';

/**
 * The browser the suites drive, from Debian, never downloaded: the headless shell (package
 * chromium-headless-shell, what `.ci/run` installs: the same Blink and V8 as Chromium, without
 * the full browser around them; the three browser suites took 103 s of CPU with it against 151 s
 * with the full browser, all 108 tests passing on both) if installed, else Chromium itself
 * (package chromium); PRACTICEBOARD_CHROMIUM names another.
 */
export const CHROMIUM = process.env.PRACTICEBOARD_CHROMIUM ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
export const HAVE_BROWSER = existsSync(CHROMIUM);
/** No GPU, no network beyond loopback, nothing a first run would set up. */
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where no browser is installed, a suite says so loudly; under CI it fails instead. */
export function warnIfNoBrowser(suite: string): void {
  if (HAVE_BROWSER) return;
  console.warn(`\n${'!'.repeat(78)}\n!! NO BROWSER at ${CHROMIUM}: the ${suite} did NOT run.\n!! Install it with: apt-get install -y chromium-headless-shell   (CI always installs it)\n${'!'.repeat(78)}\n`);
  if (process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the browser tests`);
}

export const BROWSER_WAIT_MS = 120_000;

export function patient(context: BrowserContext): BrowserContext {
  context.setDefaultTimeout(BROWSER_WAIT_MS);
  context.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
  return context;
}
