/**
 * Addresses and navigation of the real app: an address PracticeBoard does not have answers 404
 * (not "your role does not give access"); error pages keep the signed-in user's navigation;
 * admins reach Users and the Audit log from it, other roles do not see those links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/appServer.ts';
import { TEST_PARAMS } from '../auth/authApp.ts';

let s: AppServer;
beforeAll(async () => {
  s = await startAppServer({ months: 1, passwordParams: TEST_PARAMS });
}, 120_000);
afterAll(() => s.close());

describe('unknown addresses and the navigation', () => {
  it('answers 404 to a signed-in user for an address no rule names, with the navigation', async () => {
    const manager = await s.as('manager');
    const res = await manager.get('/no/such/page');
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).toContain('There is no page at this address.');
    expect(page).toContain('<a href="/financial">Financial</a>');
    expect(page).not.toContain('does not give access');
  });

  it('keeps the navigation on a refusal by role', async () => {
    const board = await s.as('board');
    const res = await board.get('/financial');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<a href="/reports">Board packs</a>');
  });

  it('links Users and the Audit log for admins only', async () => {
    const admin = await (await s.as('admin')).get('/metrics');
    const adminPage = await admin.text();
    expect(adminPage).toContain('<a href="/admin/users">Users</a>');
    expect(adminPage).toContain('<a href="/audit">Audit log</a>');
    const manager = await (await (await s.as('manager')).get('/metrics')).text();
    expect(manager).not.toContain('href="/admin/users"');
    expect(manager).not.toContain('href="/audit"');
  });
});
