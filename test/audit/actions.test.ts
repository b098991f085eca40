/**
 * Every audited action type is written: the sign-in flow, page views, downloads and writes
 * through the request middleware, user changes and the audit export through the admin routes,
 * and the actions other modules record (reports, ETL, exports) through `audit` as they call it.
 * The request middleware keeps dashboard filters and drops every other query value. The admin
 * audit page searches, exports CSV, and says whether the chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, AUDIT_ACTIONS } from '../../server/audit/log.ts';
import { verifyAuditChain } from '../../server/audit/verify.ts';
import { PASSWORDS, startAuthApp, type AuthApp, type Client } from '../auth/authApp.ts';
import { exerciseMfaEvents } from '../auth/mfaFlow.ts';

let t: AuthApp;
let admin: Client;
let manager: Client;
beforeAll(async () => {
  t = await startAuthApp();
  admin = await t.as('admin');
  manager = await t.as('manager');
});
afterAll(async () => {
  await t.close();
});

describe('audited actions', () => {
  it('writes every action type, and the chain still verifies', async () => {
    // Sign-in, failure, lockout, sign-out.
    for (let i = 0; i < 5; i += 1) await t.client().signIn('board', `wrong-${i}-password`);
    const board = t.client();
    await board.signIn('board', PASSWORDS.board); // locked: refused
    const viewer = await t.as('manager');
    await viewer.post('/account/password', { current: PASSWORDS.manager, next: 'manager-own-password-9', confirm: 'manager-own-password-9' });
    await viewer.post('/signout');
    // The change ended the manager's other sessions: sign the shared client in again.
    manager = t.client();
    expect((await manager.signIn('manager', 'manager-own-password-9')).status).toBe(303);
    // Views, downloads, writes.
    await manager.get('/financial?period=month&month=2026-10');
    await manager.get('/api/dashboards/financial/payer-mix.csv');
    await manager.post('/reports/2026-10/commentary', { text: 'Collections improved.' });
    // User changes and the audit export.
    const created = await admin.post('/admin/users', { username: 'dana', displayName: 'Dana', role: 'board' });
    expect(created.status).toBe(201);
    const dana = String((await t.rows('SELECT user_id, username FROM app_user')).find((r) => r.username === 'dana')!.user_id);
    await admin.post(`/admin/users/${dana}/role`, { role: 'manager' });
    await admin.post(`/admin/users/${dana}/disable`);
    await admin.post(`/admin/users/${dana}/enable`);
    await admin.post(`/admin/users/${dana}/password`);
    await admin.get('/audit/export.csv?action=auth.signin');
    await exerciseMfaEvents(t, admin); // multi-factor sign-in's events
    // What the reports, ETL and export modules record, the way they call it.
    await t.db.use(async (c) => {
      const at = t.clock.now();
      await audit(c, { actor: t.userIds.manager, action: 'report.commentary', target: '2026-10', at, details: { section: 'collections' } });
      await audit(c, { actor: t.userIds.manager, action: 'report.approve', target: '2026-10', at });
      await audit(c, { actor: 'system', action: 'report.send', target: '2026-10', at, details: { recipients_n: 5 } });
      await audit(c, { actor: 'system', action: 'etl.run', target: 'run-1', at, details: { source: 'billing', status: 'loaded', rows_loaded_n: 120 } });
      await audit(c, { actor: t.userIds.admin, action: 'data.export', target: 'rejected-rows/run-1', at, details: { rows_n: 3 } });
      await audit(c, { actor: 'system', action: 'data.purge', target: 'raw_files', at, details: { files_n: 2, bytes_n: 900, retention_days: 30 } }); // server/jobs/rawRetention.ts
    });

    const written = new Set((await t.rows('SELECT DISTINCT action FROM audit_log')).map((r) => String(r.action)));
    expect([...AUDIT_ACTIONS].filter((a) => !written.has(a))).toEqual([]);
    expect(await t.db.use((c) => verifyAuditChain(c))).toMatchObject({ ok: true, problems: [] });
  });

  it('records the method, path, status and dashboard filters of a request, and no other query value', async () => {
    await manager.get('/financial?period=month&month=2026-10&location=LOC1&note=Jane+Doe+1970-01-01');
    const rows = await t.rows("SELECT actor, action, target, outcome, ip, details FROM audit_log WHERE action = 'page.view' ORDER BY seq DESC LIMIT 1");
    expect(rows[0]).toMatchObject({ actor: t.userIds.manager, action: 'page.view', target: '/financial', outcome: 'ok' });
    expect(String(rows[0]!.ip)).toMatch(/127\.0\.0\.1/);
    expect(JSON.parse(String(rows[0]!.details))).toEqual({ method: 'GET', status: 200, query: 'period=month&month=2026-10&location=LOC1', params_dropped_n: 1 });
    expect(JSON.stringify(await t.rows('SELECT * FROM audit_log'))).not.toContain('Jane');
  });

  it('records a denied request as denied, and a download as a download', async () => {
    t.clock.advance(16 * 60_000); // past the lockout of the first test
    const board = await t.as('board');
    await board.get('/financial');
    await board.get('/api/dashboards/overview/kpis.csv');
    const rows = await t.rows("SELECT action, target, outcome FROM audit_log WHERE actor IN (SELECT user_id FROM app_user WHERE username = 'board') AND action IN ('page.view', 'data.download') ORDER BY seq");
    expect(rows.slice(-3)).toEqual([
      { action: 'page.view', target: '/reports', outcome: 'ok' },
      { action: 'page.view', target: '/financial', outcome: 'denied' },
      { action: 'data.download', target: '/api/dashboards/overview/kpis.csv', outcome: 'denied' },
    ]);
  });
});

describe('the audit page', () => {
  it('searches by actor, action and dates, shows that the chain verifies, and exports CSV', async () => {
    const page = await admin.get('/audit?actor=manager&action=page.view&from=2026-11-15&to=2026-11-15');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The audit chain verifies:');
    const rows = [...html.matchAll(/<tr><td class="num">\d+<\/td><td>[^<]+<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([actor, action]) => actor === 'manager' && action === 'page.view')).toBe(true);
    const none = await (await admin.get('/audit?from=2026-11-16')).text();
    expect(none).toContain('<caption>0 entries');

    const csv = await admin.get('/audit/export.csv?actor=manager&action=page.view');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename=practiceboard-audit-2026-11-15.csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq_n,occurred_at,actor,actor_username,action,target,target_username,outcome,ip,details');
    expect(lines.length - 1).toBe(rows.length);
    expect(lines.slice(1).every((l) => l.includes(',manager,page.view,'))).toBe(true);

    const bad = await admin.get('/audit?from=2026-11-20&to=2026-11-01&action=nope');
    expect(bad.status).toBe(400);
  });

  it('says so when the chain does not verify', async () => {
    await t.db.use((c) => c.run("UPDATE audit_log SET outcome = 'denied' WHERE seq = 3"));
    const html = await (await admin.get('/audit')).text();
    expect(html).toContain('The audit chain does not verify.');
    expect(html).toContain('entry 3 was changed after it was written');
  });
});
