/**
 * The metric definitions page reads in words: no code name (a snake_case token such as
 * `front_office` or `collections_usd`) in its visible text, the metric ids aside (shown as
 * code), and units written out.
 */
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../dashboards/metrics/index.ts';
import { formulaInWords, metricsPage } from '../../server/views/metrics.ts';

const visible = (page: string) =>
  page
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<code>[^<]*<\/code>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('/metrics in words', () => {
  it('shows no code name outside the ids', () => {
    const page = metricsPage();
    expect(visible(page).match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []).toEqual([]);
    for (const m of METRICS) expect(page).toContain(`<code>${m.id}</code>`);
  });

  it('writes job classes, metric columns and units as words', () => {
    expect(formulaInWords('payroll cost of front_office and business_ops staff')).toBe('payroll cost of front office and business operations staff');
    expect(formulaInWords('gross_charges_usd - contractual')).toBe('Gross charges - contractual');
    expect(formulaInWords('visits_n per day')).toBe('Visits per day');
    const page = visible(metricsPage());
    expect(page).toContain('Unit US dollars');
    expect(page).toContain('Unit percent');
    expect(page).not.toMatch(/Unit (usd|pct)\b/);
  });
});
