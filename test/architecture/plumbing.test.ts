// Issue 12's plumbing, checked over the source tree: pages are built only under server/views/
// with the escaping `html` template (no markup in routes, no hand escaping); routes throw errors
// that carry their HTTP status instead of catching and re-throwing them; the jobs page has no
// origin check of its own beside the CSRF token. The dashboards and reports routes are being
// rebuilt elsewhere and are not checked here yet.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError } from '../../etl/errors.ts';
import { JobBusyError, SchedulerStoppedError, UnknownJobError } from '../../server/jobs/errors.ts';

const NOT_YET = new Set<string>();
const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)).filter((f) => !NOT_YET.has(f));
const text = (f: string) => readFileSync(f, 'utf8');

describe('views under server/views, escaped by default', () => {
  it('builds no markup in routes, auth or audit', () => {
    const offenders = [...files('server/routes'), ...files('server/auth'), ...files('server/audit')].filter((f) => /html`|<(div|p|table|tr|td|form|h1|ul|li|span)\b/.test(text(f)));
    expect(offenders).toEqual([]);
  });

  it('escapes nothing by hand and marks no markup trusted but the layout constants', () => {
    const offenders = [...files('server/routes'), ...files('server/auth'), ...files('server/audit'), ...files('server/views').filter((f) => !/views\/(html|layout)\.ts$/.test(f))].filter((f) => /escapeHtml|trusted\(/.test(text(f)));
    expect(offenders).toEqual([]);
  });

  it('passes a drawn chart through as markup, and nothing that could run', async () => {
    const { drawnSvg, html } = await import('../../core/html.ts');
    const svg = '<svg viewBox="0 0 10 10"><text>Lee, Ana MD &amp; O&#39;Brien</text></svg>';
    expect(html`<figure>${drawnSvg(svg)}</figure>`.text).toBe(`<figure>${svg}</figure>`);
    expect(drawnSvg('').text).toBe('');
    for (const bad of ['<svg><script>alert(1)</script></svg>', '<svg onload="alert(1)"></svg>', '<img src=x onerror=alert(1)>', '<svg><a href="javascript:alert(1)">x</a></svg>', '<svg></svg><script>x</script>']) {
      expect(() => drawnSvg(bad), bad).toThrow(/not a drawn chart/);
    }
  });

  it('leaves the defence against cross-site forms to the CSRF token (no Origin check in routes)', () => {
    expect(files('server/routes').filter((f) => /get\('origin'\)|get\('referer'\)/i.test(text(f)))).toEqual([]);
  });
});

describe('errors carry their HTTP status; routes do not map them', () => {
  it('has no catch-and-rethrow in a route', () => {
    expect(files('server/routes').filter((f) => /catch \(/.test(text(f)))).toEqual([]);
  });

  it('gives the errors routes let through their status', () => {
    expect(new ProfileError('x', 'no such profile').status).toBe(400);
    expect(new UnknownJobError('x', ['a']).status).toBe(404);
    const busy = new JobBusyError('pack', 'Monthly board pack', new Date('2026-11-15T17:00:00Z'), 'America/New_York');
    expect([busy.status, busy.message]).toEqual([409, 'Monthly board pack is already running (since 15 Nov 2026, 12:00 EST), so it was not started again. Wait for it to finish, then try again.']);
    expect(new SchedulerStoppedError().status).toBe(503);
  });
});
