/**
 * The dashboards' first screen over the real app and a demo practice: chips of the filters
 * applied (each a link to the view without it) and a reset; the provider list following the
 * chosen location (expected lists from separate SQL over the raw fact tables); tiles in readable
 * units with their change against the chosen comparison; freshness said once with the load time
 * in the practice's zone, labelled; one empty state; error pages keeping the navigation; and
 * "Approve and lock" refused without its confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/appServer.ts';
import { TEST_PARAMS, type Client } from '../auth/authApp.ts';

let s: AppServer;
let manager: Client;
beforeAll(async () => {
  s = await startAppServer({ months: 2, passwordParams: TEST_PARAMS, configure: (c) => ({ ...c, timezone: 'America/Chicago' }) });
  manager = await s.as('manager');
}, 180_000);
afterAll(() => s.close());

const rows = async (sql: string) => s.ctx.warehouse.use(async (c) => (await c.runAndReadAll(sql)).getRowsJS());
const page = async (path: string, status = 200) => {
  const res = await manager.get(path);
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text;
};
/** The option values of a select in the form (not in the template of every provider). */
const optionValues = (html: string, name: string) => {
  const select = new RegExp(`<select name="${name}">([\\s\\S]*?)</select>`).exec(html)![1]!;
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'"));
};

describe('filter chips and reset', () => {
  it('shows no chip for the defaults, and a chip per filter applied, each removable, with a reset', async () => {
    expect(await page('/')).not.toContain('class="chips"');
    const [[id, name]] = (await rows('SELECT location_id, location_name FROM dim_location ORDER BY location_id LIMIT 1')) as [string, string][];
    const html = await page(`/financial?period=month&month=2026-10&compare=prior&location=${encodeURIComponent(id!)}&payerClass=medicare`);
    expect(html).toContain(`<li class="chip" data-filter="location">Location: <strong>${name}</strong>`);
    expect(html).toContain('<li class="chip" data-filter="payerClass">Payer class: <strong>medicare</strong>');
    // Removing the location keeps the payer class, and the other way round.
    expect(html).toContain('href="/financial?period=month&amp;month=2026-10&amp;compare=prior&amp;payerClass=medicare" aria-label="Remove Location');
    expect(html).toContain(`href="/financial?period=month&amp;month=2026-10&amp;compare=prior&amp;location=${encodeURIComponent(id!)}" aria-label="Remove Payer class`);
    expect(html).toContain('<a class="reset" href="/financial">Reset all filters</a>');
  });

  it('shows a drill-down as a chip that clears it', async () => {
    const overview = await page('/collections?period=month&month=2026-10&compare=prior');
    const drill = /href="(\/collections\?[^"]*payerClass=[a-z_]+)"/.exec(overview)![1]!.replace(/&amp;/g, '&');
    const drilled = await page(drill);
    expect(drilled).toMatch(/<li class="chip" data-filter="payerClass">Payer class: <strong>[a-z ]+<\/strong> <a href="\/collections\?period=month&amp;month=2026-10&amp;compare=prior"/);
  });
});

describe('the provider list follows the location', () => {
  it('lists under a location only the providers who work there, and every provider in the template', async () => {
    const all = (await rows(`
      SELECT provider_id FROM dim_provider UNION SELECT provider_id FROM fact_billing_txn UNION SELECT provider_id FROM fact_appointment`)).map((r) => String(r[0])).sort();
    // The location with the fewest providers, by the raw facts and the roster.
    const [[loc]] = (await rows(`
      WITH w AS (SELECT provider_id, location_id FROM dim_provider WHERE location_id IS NOT NULL
                 UNION SELECT provider_id, location_id FROM fact_billing_txn UNION SELECT provider_id, location_id FROM fact_appointment)
      SELECT location_id FROM w GROUP BY location_id ORDER BY count(DISTINCT provider_id), location_id LIMIT 1`)) as [string][];
    const there = (await rows(`
      SELECT provider_id FROM dim_provider WHERE location_id = '${loc}'
      UNION SELECT provider_id FROM fact_billing_txn WHERE location_id = '${loc}'
      UNION SELECT provider_id FROM fact_appointment WHERE location_id = '${loc}'`)).map((r) => String(r[0])).sort();
    expect(there.length).toBeLessThan(all.length);

    expect(optionValues(await page('/'), 'provider').slice(1).sort()).toEqual(all);
    const html = await page(`/?location=${encodeURIComponent(loc!)}`);
    expect(optionValues(html, 'provider')[0]).toBe('');
    expect(optionValues(html, 'provider').slice(1).sort()).toEqual(there);
    const template = /<template id="provider-choices">([\s\S]*?)<\/template>/.exec(html)![1]!;
    expect(template.match(/<option /g)).toHaveLength(all.length);
    expect(template).toContain(`data-locations="[&quot;`);
    expect(html).toContain('<script src="/assets/filters.js"></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('keeps a provider chosen in the address listed under a location it does not work at', async () => {
    const [[loc, other]] = (await rows(`
      SELECT l.location_id, p.provider_id FROM dim_location l, dim_provider p
      WHERE p.provider_id NOT IN (SELECT provider_id FROM fact_billing_txn WHERE location_id = l.location_id
                                  UNION SELECT provider_id FROM fact_appointment WHERE location_id = l.location_id)
        AND coalesce(p.location_id, '') <> l.location_id
      ORDER BY 1, 2 LIMIT 1`)) as [string, string][];
    const html = await page(`/?location=${encodeURIComponent(loc!)}&provider=${encodeURIComponent(other!)}`);
    expect(optionValues(html, 'provider')).toContain(other);
    expect(html).toMatch(new RegExp(`<option value="${other}" selected>`));
  });
});

describe('tiles, freshness and the empty state', () => {
  it('shows each money tile in readable units with the exact value as its title, and its change', async () => {
    const html = await page('/?period=month&month=2026-10&compare=prior');
    const tile = /id="t-gross_charges"[\s\S]*?<\/article>/.exec(html)![0];
    expect(tile).toMatch(/<p class="value"><span title="\$\d{1,3}(,\d{3})*\.\d{2}">\$\d+(\.\d+)?[kM]?<\/span>/);
    expect(tile).toMatch(/<p class="change tone-(good|bad|neutral)"><span class="arrow" role="img" aria-label="(up|down|unchanged)[^"]*">[\u25B2\u25BC\u25B6]<\/span> <span class="amount">[+-]?[\d.]+% \([+-]?\$[\d.,]+[kM]?\)<\/span> <span class="against">vs prior period<\/span><\/p>/);
    const yoy = await page('/?period=month&month=2026-10&compare=budget');
    expect(/id="t-gross_charges"[\s\S]*?<\/article>/.exec(yoy)![0]).toContain('vs budget');
    // Section charts are laid out at the column's width (CSS width 100%), and again at 360 px for a phone (shown below 60rem).
    expect(html).toMatch(/<figure class="chart chart-wide"><svg [^>]*width="1200" height="\d+" viewBox="0 0 1200 \d+"/);
    expect(html).toMatch(/<figure class="chart chart-narrow"><svg [^>]*width="360" height="\d+" viewBox="0 0 360 \d+"/);
  });

  it('says freshness once, with the last load in the practice zone, labelled', async () => {
    const html = await page('/');
    const aside = /<aside class="freshness"[\s\S]*?<\/aside>/.exec(html)![0];
    const [[loaded]] = (await rows("SELECT strftime(max(loaded_at), '%Y-%m-%d %H:%M') FROM etl_file WHERE source IN ('billing','appointments','payroll')")) as [string][];
    // US Central time by the rule itself: daylight time (UTC-5, CDT) from 2:00 local on the
    // second Sunday of March to 2:00 local on the first Sunday of November, else UTC-6 (CST).
    const utc = new Date(`${loaded!.replace(' ', 'T')}Z`);
    const y = utc.getUTCFullYear();
    const sunday = (month: number, nth: number) => {
      const first = new Date(Date.UTC(y, month, 1));
      return 1 + ((7 - first.getUTCDay()) % 7) + 7 * (nth - 1);
    };
    const dstStart = Date.UTC(y, 2, sunday(2, 2), 8); // 02:00 CST is 08:00 UTC
    const dstEnd = Date.UTC(y, 10, sunday(10, 1), 7); // 02:00 CDT is 07:00 UTC
    const offset = utc.getTime() >= dstStart && utc.getTime() < dstEnd ? 5 : 6;
    const wall = new Date(utc.getTime() - offset * 3_600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][wall.getUTCMonth()];
    const local = `${wall.getUTCDate()} ${mon} ${wall.getUTCFullYear()}, ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
    expect(aside).toContain(`last loaded ${local} ${offset === 5 ? 'CDT' : 'CST'}`);
    // Each source's span once (in the details list), not an aside per source.
    expect(html.match(/Billing: \d{1,2} [A-Z][a-z]{2} \d{4} to /g)).toHaveLength(1);
  });

  it('shows a selection with no data as the one empty state, not as zero bars', async () => {
    const html = await page('/collections?provider=NO-SUCH-PROVIDER');
    const sections = [...html.matchAll(/<section id="[^"]+"[\s\S]*?<\/section>/g)].map((m) => m[0]);
    const empty = sections.filter((x) => x.includes('<p class="empty" role="note">No data for this selection.</p>'));
    // Everything read by provider is empty; remittance sections (by payer) are not filtered by it.
    expect(empty.length).toBeGreaterThanOrEqual(3);
    for (const x of empty) expect(x).not.toMatch(/<figure class="chart/);
  });
});

describe('error pages and approval', () => {
  it('keeps the navigation on a bad request', async () => {
    const html = await page('/financial?period=fortnight', 400);
    expect(html).toContain('<a href="/financial">Financial</a>');
    expect(html).toContain('<a href="/reports">Board packs</a>');
  });

  it('sends the pack page in two parts: the navigation and a preparing note first, then the pack, which hides the note', async () => {
    const res = await fetch(`${s.base}/reports/2026-09`, { headers: { cookie: [...manager.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('<a href="/reports" aria-current="page">Board packs</a>');
    expect(first).toContain('id="pack-preparing" role="status">Preparing the pack');
    expect(first).not.toContain('Approve and lock');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('Approve and lock');
    expect(rest).toContain('<style>#pack-preparing{display:none}</style>');
    expect(rest.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('asks for confirmation before approving and locking, and refuses without it', async () => {
    const html = await page('/reports/2026-10');
    expect(html).toContain('<input type="checkbox" name="confirm" value="1" required> I have reviewed this pack; lock it as it stands');
    const refused = await manager.post('/reports/2026-10/approve', {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Tick &quot;I have reviewed this pack; lock it as it stands&quot;');
    expect(await rows("SELECT count(*)::INTEGER FROM report_pack WHERE month = '2026-10'")).toEqual([[0]]);
    expect((await manager.post('/reports/2026-10/approve', { confirm: '1' })).status).toBe(303);
  });
});
