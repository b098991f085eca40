/**
 * The command line's other commands: `profile check` (no warehouse, no lock), `report build`,
 * `audit head | verify` (on the warehouse, or through the server when it holds it) and `users
 * reset-password` (the emergency access procedure: the server must be stopped). Loaded only
 * when one of them runs; the board pack's renderer only by `report build` (reportBuild.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PracticeBoardError } from '../../core/errors.ts';
import { checkProfileOnFile } from '../../etl/load/profileCheck.ts';
import { ProfileRegistry } from '../../etl/profiles/registry.ts';
import type { SourceName } from '../../etl/sources/contract.ts';
import { parseExportedHead, type ChainReport } from '../audit/verify.ts';
import { emergencyResetPassword } from '../auth/firstAdmin.ts';
import { loadConfig } from '../config.ts';
import { profileCheckText } from '../cliOutput.ts';
import { callServer, fetchFromServer } from '../handoff.ts';
import { chainReportText, exportAuditHead, verifyAudit, type ExportedHead } from '../commands/audit.ts';
import { commandLine } from '../commands/invocation.ts';
import { localOrServer, ownWarehouse } from './local.ts';

/** `profile check`: no warehouse, no lock; the practice's profiles as on disk. */
export async function profileCheck(file: string, o: { profile?: string; source?: SourceName; rows: number }): Promise<number> {
  const path = resolve(file);
  if (!existsSync(path)) throw new PracticeBoardError('FILE_NOT_FOUND', `${file}: no such file`);
  const config = loadConfig();
  const profiles = ProfileRegistry.load(config.paths.profiles);
  const c = await checkProfileOnFile(profiles, path, { fileName: basename(path), sampleRows: o.rows, timezone: config.timezone, ...(o.profile ? { profileId: o.profile } : {}), ...(o.source ? { source: o.source } : {}) });
  console.log(profileCheckText(c));
  return 0;
}

export async function reportBuild(o: { month: string; out: string; size: 'letter' | 'a4'; format: 'pdf' | 'html' }): Promise<number> {
  const config = loadConfig();
  const done = await localOrServer(
    config,
    async (ctx) => {
      const { buildReportFile } = await import('../commands/reportBuild.ts');
      const r = await buildReportFile(ctx, { month: o.month, out: o.out, size: o.size, format: o.format });
      return `Wrote the ${r.status.state} board pack for ${o.month} to ${r.path} (${r.bytes.toLocaleString('en-US')} bytes, ${r.ms} ms).`;
    },
    async (info) => {
      console.error(`The server (pid ${info.pid}) holds the warehouse; asking it for the pack.`);
      const bytes = await fetchFromServer(info, `/report/${o.month}?size=${o.size}&format=${o.format}`);
      if (!bytes) return undefined;
      writeFileSync(resolve(o.out), bytes);
      return `Wrote the board pack for ${o.month} to ${resolve(o.out)} (${bytes.length.toLocaleString('en-US')} bytes).`;
    },
  );
  console.log(done);
  return 0;
}

export async function auditHeadOut(): Promise<number> {
  const config = loadConfig();
  const head = await localOrServer<ExportedHead>(
    config,
    (ctx) => exportAuditHead(ctx, commandLine()),
    (info) => callServer<ExportedHead>(info, 'GET', '/audit/head'),
  );
  console.log(JSON.stringify(head));
  return 0;
}

export async function auditVerifyOut(o: { head?: string }): Promise<number> {
  const config = loadConfig();
  let text: string | undefined;
  if (o.head !== undefined) {
    if (!existsSync(o.head)) throw new PracticeBoardError('FILE_NOT_FOUND', `${o.head}: no such file`);
    text = readFileSync(o.head, 'utf8');
  }
  const anchor = text === undefined ? undefined : parseExportedHead(text);
  const report = await localOrServer<ChainReport>(
    config,
    (ctx) => verifyAudit(ctx, anchor),
    (info) => callServer<ChainReport>(info, 'POST', '/audit/verify', text === undefined ? {} : { head: text }),
  );
  (report.ok ? console.log : console.error)(chainReportText(report, anchor));
  return report.ok ? 0 : 1;
}

export async function resetPassword(username: string): Promise<void> {
  await ownWarehouse(
    loadConfig(),
    (ctx) => ctx.warehouse.use((c) => emergencyResetPassword(c, username)),
    'the server holds the warehouse: stop it first (emergency access works on a stopped server), or ask an admin to reset the password under Admin > Users',
  );
}
