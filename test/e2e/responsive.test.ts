/// <reference lib="dom" />
/**
 * Every page, for every role, at a desktop width (1440 px) and a phone width (390 px), in a
 * real browser (Debian's Chromium, test/helpers/patientBrowser.ts, driven by playwright-core):
 * the document never scrolls sideways (`scrollWidth <= innerWidth`, wide tables scroll inside their own region), axe-core
 * finds no serious or critical violation at the phone width, and no raw field name (a snake_case token such as
 * `collections_usd`) shows in the visible text, code and inputs aside. Folded content
 * (<details>) is opened first, so its tables are measured and read too. A board member who
 * signs in lands on the latest approved pack's reading view. With PRACTICEBOARD_SCREENS=1,
 * screenshots of the first screen go to test/output/screens/responsive/ (ignored by git) for a
 * person to look at; nothing is asserted on them, so a run without costs no check (11 s of CPU less).
 * Where no browser is installed the suite says so loudly; under CI it fails instead.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth/index.ts';
import { PASSWORD, startDemoServer, type DemoServer } from '../helpers/demoServer.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { BROWSER_ARGS, CHROMIUM, HAVE_BROWSER, patient, warnIfNoBrowser } from '../helpers/patientBrowser.ts';

const SHOTS = 'test/output/screens/responsive';
/** Screenshots for a person to look at (PRACTICEBOARD_SCREENS=1); nothing is asserted on them. */
const SCREENS = process.env.PRACTICEBOARD_SCREENS === '1';
const WIDTHS = [1440, 390] as const;
/** The smallest chart text a reader should meet, in CSS px (issue 13: chart text readable at 390 px). */
const MIN_CHART_TEXT_PX = 9;
/**
 * Pages whose charts are drawn twice, wide and for a phone (dashboards/charts/variants.ts), and
 * so are held to MIN_CHART_TEXT_PX at 390 px: the dashboards, the why views, the board's
 * reading view (a board member's /reports) and every month's pack page.
 */
const phoneCharts = (role: Role | 'public', path: string): boolean => {
  const p = path.split('?')[0]!;
  return ['/', '/financial', '/collections', '/staffing'].includes(p) || p.startsWith('/why/') || /^\/reports\/\d{4}-\d{2}$/.test(p) || (role === 'board' && p === '/reports');
};
/**
 * A field name as a column would be called: lower-case words joined by underscores. Not one: a
 * file name (claims_transactions.csv), the tail of a dotted event code of the audit log
 * (auth.signin_failed, which admins search by), or a segment of an address the audit log lists
 * (/why/net_payments).
 */
const RAW_NAME = /(?<![./\w])[a-z]+(?:_[a-z0-9]+)+\b(?!\.[a-z])/g;

warnIfNoBrowser('responsive browser tests');

/** The month the demo's clock reports on; approved before the pages are checked. */
const MONTH = '2026-10';

const STAFF_PAGES = ['/', '/financial', '/collections', '/staffing', '/reports', `/reports/${MONTH}`, `/why/net_payments?month=${MONTH}`, `/why/visits/${MONTH}`, '/metrics', '/account/password'];
const PAGES: Readonly<Record<Role, readonly string[]>> = {
  admin: [...STAFF_PAGES, '/etl', '/etl/runs/:first', '/upload', '/admin/jobs', '/admin/users', '/audit', '/admin/settings'],
  manager: STAFF_PAGES,
  board: ['/reports', `/reports/${MONTH}`, `/why/visits/${MONTH}`, `/why/payroll_cost/${MONTH}`, `/why/net_payments/${MONTH}`, '/metrics', '/account/password'],
};

let s: DemoServer;
let browser: Browser;
const contexts = new Map<Role | 'public', BrowserContext>();
let firstRun = '';

/** A context signed in through the form (the app's CSP enforced: axe-core is evaluated through the DevTools protocol). */
async function signedIn(role: Role): Promise<BrowserContext> {
  const context = patient(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  const page = await context.newPage();
  await page.goto(`${s.base}/signin`);
  await page.fill('input[name=username]', `${role}1`);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/signin'), page.click('form.signin button[type=submit]')]);
  await page.close();
  return context;
}

interface ChartText {
  /** Chart texts shown (not in a hidden figure), and the smallest rendered size among them. */
  readonly shown: number;
  readonly smallest: number;
  readonly smallTexts: string[];
  /** Figures of each variant that are displayed. */
  readonly wide: number;
  readonly narrow: number;
  readonly wideHidden: number;
  readonly narrowHidden: number;
}

/**
 * Every chart text that is displayed, at the size it renders: its computed font size times
 * its SVG's scale (rendered width over viewBox width); and which chart variants are displayed.
 */
async function chartText(page: Page): Promise<ChartText> {
  return page.evaluate((min) => {
    const displayed = (el: Element) => (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    let shown = 0;
    let smallest = Infinity;
    const smallTexts: string[] = [];
    for (const t of Array.from(document.querySelectorAll('main svg text'))) {
      if (!(t.textContent ?? '').trim() || !displayed(t)) continue;
      const svg = t.closest('svg')!;
      const box = svg.viewBox.baseVal;
      const scale = box && box.width > 0 ? svg.getBoundingClientRect().width / box.width : 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      shown += 1;
      smallest = Math.min(smallest, px);
      if (px < min && smallTexts.length < 5) smallTexts.push(`"${(t.textContent ?? '').trim().slice(0, 30)}" ${px.toFixed(1)}px in ${svg.getAttribute('aria-label') ?? '?'}`);
    }
    const count = (sel: string, want: boolean) => Array.from(document.querySelectorAll(sel)).filter((f) => displayed(f) === want).length;
    return {
      shown, smallest, smallTexts,
      wide: count('figure.chart-wide', true), narrow: count('figure.chart-narrow', true),
      wideHidden: count('figure.chart-wide', false), narrowHidden: count('figure.chart-narrow', false),
    };
  }, MIN_CHART_TEXT_PX);
}

interface Findings {
  readonly scrollWidth: number;
  readonly innerWidth: number;
  /** Elements reaching past the right edge, outside any scroller of their own. */
  readonly wide: string[];
  readonly rawNames: string[];
}

/** Measured in the page: overflow, the elements that cause it, and snake_case tokens in the visible text. */
async function inspect(page: Page): Promise<Findings> {
  return page.evaluate((pattern) => {
    Array.from(document.querySelectorAll('details')).forEach((d) => (d.open = true));
    const vw = window.innerWidth;
    const inScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const wide = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => el.getBoundingClientRect().right > vw + 0.5 && !inScroller(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`);
    const hidden = Array.from(document.querySelectorAll('code, pre')) as HTMLElement[];
    const saved = hidden.map((el) => el.style.display);
    hidden.forEach((el) => (el.style.display = 'none'));
    const svgText = Array.from(document.querySelectorAll('svg text')).filter((t) => !t.closest('code, pre')).map((t) => t.textContent ?? '');
    const text = `${document.body.innerText}\n${svgText.join('\n')}`;
    hidden.forEach((el, i) => (el.style.display = saved[i]!));
    const rawNames = [...new Set(text.match(new RegExp(pattern, 'g')) ?? [])];
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide, rawNames };
  }, RAW_NAME.source);
}

async function axeViolations(page: Page): Promise<string[]> {
  return (await seriousViolations(page)).map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}

const shotName = (role: string, path: string, width: number) => `${role}${path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '') || '-home'}-${width}.png`;

describe.runIf(HAVE_BROWSER)('every page at 1440 and 390 px, for every role', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startDemoServer(3);
    // An approved pack, so the board has something to read and the pack pages are the stored ones.
    const approved = await s.post(`/reports/${MONTH}/approve`, new URLSearchParams({ confirm: '1' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(approved.status).toBe(303);
    firstRun = (/href="\/etl\/runs\/(r\d+[^"]*)"/.exec(await (await s.get('/etl')).text()) ?? [])[1] ?? '';
    expect(firstRun).not.toBe('');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: BROWSER_ARGS,
    });
    for (const role of ['admin', 'manager', 'board'] as const) contexts.set(role, await signedIn(role));
    contexts.set('public', patient(await browser.newContext({ viewport: { width: 1440, height: 900 } })));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('lands a board member who signs in on the latest approved pack, in the reading view', async () => {
    const page = await contexts.get('board')!.newPage();
    await page.goto(`${s.base}/`);
    expect(new URL(page.url()).pathname).toBe('/reports');
    expect(await page.locator('h1').first().innerText()).toBe('Board pack, October 2026');
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.slice(0, 2)).toEqual(['The month in brief', 'Since the last meeting']);
    expect(await page.locator('main form, main textarea').count()).toBe(0);
    await page.close();
  }, 300_000);

  it('collapses the navigation behind a Menu button at 390 px, without JavaScript, and shows it at 1440 px', async () => {
    const context = patient(await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, storageState: await contexts.get('admin')!.storageState() }));
    const page = await context.newPage();
    await page.goto(`${s.base}/metrics`);
    expect(await page.locator('header nav a[href="/financial"]').isVisible()).toBe(false);
    await page.click('details.menu > summary');
    expect(await page.locator('header nav a[href="/financial"]').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${s.base}/metrics`);
    expect(await page.locator('details.menu > summary').isVisible()).toBe(false);
    expect(await page.locator('header nav a[href="/financial"]').isVisible()).toBe(true);
    await context.close();
  }, 300_000);

  const cases: [Role | 'public', string][] = [['public', '/signin'], ...(Object.entries(PAGES) as [Role, readonly string[]][]).flatMap(([role, paths]) => paths.map((p) => [role, p] as [Role, string]))];
  /** Raw field names seen on each page, by width: measured with the layout, asserted apart. */
  const rawNames = new Map<string, string[]>();
  /** Chart texts measured per page and width: a page with charts must have had some to measure. */
  const chartTexts = new Map<string, number>();
  for (const [role, path] of cases) {
    it(`${role} ${path}: no sideways scrolling at 1440 and 390 px, no serious axe violation at 390 px`, async () => {
      const page = await contexts.get(role)!.newPage();
      const url = s.base + path.replace(':first', firstRun);
      const problems: string[] = [];
      // Loaded once and measured at each width (the layout reflows without a reload). axe-core
      // runs at the phone width, where the collapsed navigation and the scrolling regions are;
      // test/e2e/browser.test.ts runs it on the dashboards at a desktop width.
      const res = await page.goto(url);
      expect(res?.status(), `${path} answers`).toBe(200);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        if (SCREENS) await page.screenshot({ path: join(SHOTS, shotName(role, path, width)) });
        const f = await inspect(page);
        if (f.scrollWidth > f.innerWidth) problems.push(`${width}px: document ${f.scrollWidth}px wide: ${f.wide.join('; ')}`);
        rawNames.set(`${role} ${path}`, [...(rawNames.get(`${role} ${path}`) ?? []), ...f.rawNames.filter((n) => !rawNames.get(`${role} ${path}`)?.includes(n))]);
        if (phoneCharts(role, path)) {
          const c = await chartText(page);
          // The wide variant is the one shown on a desktop, the phone one on a phone, never both.
          if (width === 1440 && (c.narrow > 0 || c.wide !== c.narrowHidden)) problems.push(`${width}px: ${c.narrow} phone charts shown, ${c.wide} wide of ${c.narrowHidden + c.narrow}`);
          if (width === 390 && (c.wide > 0 || c.narrow !== c.wideHidden)) problems.push(`${width}px: ${c.wide} wide charts shown, ${c.narrow} phone of ${c.wideHidden + c.wide}`);
          if (width === 390 && c.smallTexts.length) problems.push(`${width}px: chart text under ${MIN_CHART_TEXT_PX}px: ${c.smallTexts.join('; ')}`);
          chartTexts.set(`${role} ${path} ${width}`, c.shown);
        }
        if (width !== 390) continue;
        const axe = await axeViolations(page);
        if (axe.length) problems.push(`${width}px: axe ${axe.join(' | ')}`);
      }
      await page.close();
      expect(problems).toEqual([]);
    }, 240_000);
    if (phoneCharts(role, path)) {
      it(`${role} ${path}: its charts were measured at both widths`, () => {
        // The dashboards, the why views and the reading view all draw charts with text: a
        // measurement of none would mean the check above looked at nothing.
        for (const width of WIDTHS) expect(chartTexts.get(`${role} ${path} ${width}`), `${width}px`).toBeGreaterThan(0);
      });
    }
    it(`${role} ${path}: no raw field name in the visible text`, () => {
      expect(rawNames.get(`${role} ${path}`), 'measured with the layout above').toBeDefined();
      expect(rawNames.get(`${role} ${path}`)).toEqual([]);
    });
  }
});
