/**
 * Issue 11 item 5: on an approved pack's page a board member reads the approved commentary
 * only, never the draft written since for a new version, and sees no commentary or approval
 * form; a manager still sees both forms, pre-filled with the draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../auth/authApp.ts';
import { startDemoServer, type DemoServer } from '../helpers/demoServer.ts';

let s: DemoServer;
let manager: Client;
let board: Client;
beforeAll(async () => {
  s = await startDemoServer();
  manager = await s.as('manager');
  board = await s.as('board');
}, 120_000);
afterAll(() => s.close());

const APPROVED_TEXT = 'Collections held steady in September.';
const DRAFT_TEXT = 'Unapproved: we may restate payroll next month.';

describe('the board reads approved content only', () => {
  it('shows the board the approved commentary, not the draft, and no forms', async () => {
    expect((await manager.post('/reports/2026-09/commentary', { section: 'financial', text: APPROVED_TEXT })).status).toBe(303);
    expect((await manager.post('/reports/2026-09/approve', { confirm: '1' })).status).toBe(303);
    expect((await manager.post('/reports/2026-09/commentary', { section: 'financial', text: DRAFT_TEXT })).status).toBe(303);

    const boardPage = await (await board.get('/reports/2026-09')).text();
    expect(boardPage).toContain(APPROVED_TEXT);
    expect(boardPage).not.toContain(DRAFT_TEXT);
    expect(boardPage).not.toMatch(/<textarea|action="\/reports\/2026-09\/(approve|commentary)"|Approve new version|Save commentary/);

    const managerPage = await (await manager.get('/reports/2026-09')).text();
    expect(managerPage).toContain(DRAFT_TEXT); // the new-version text area, pre-filled
    expect(managerPage).toMatch(/action="\/reports\/2026-09\/approve"/);
    expect(managerPage).toMatch(/action="\/reports\/2026-09\/commentary"/);
  });
});
