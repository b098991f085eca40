/**
 * How a command reaches the warehouse: it opens it itself (a context of its own, closed after
 * the command), or, when the server holds it, hands the work to the server over loopback; if
 * no server answers, it says plainly who may hold the warehouse. Loaded only by commands that
 * use the warehouse (server/cli.ts imports each command's module when it runs).
 */
import { PracticeBoardError, WarehouseLockedError } from '../../core/errors.ts';
import type { Config } from '../config.ts';
import { openContext, type Context } from '../context.ts';
import { readServerInfo, type ServerInfo } from '../handoff.ts';
import { createLogger } from '../log.ts';

/** The warehouse is held by another process: the caller hands the work over, or refuses. */
export class Handoff extends Error {}

export async function withContext<T>(config: Config, fn: (ctx: Context) => Promise<T>): Promise<T> {
  let ctx: Context;
  try {
    ctx = await openContext(config, { logger: createLogger({ level: process.env.PRACTICEBOARD_LOG_LEVEL ?? 'warn' }) });
  } catch (err) {
    if (err instanceof WarehouseLockedError) throw new Handoff();
    throw err;
  }
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}

/**
 * Run `local` on the warehouse, or, when the server holds it, `remote` through the server (the
 * hand-off); if no server answers, say plainly that the warehouse is in use.
 */
export async function localOrServer<T>(config: Config, local: (ctx: Context) => Promise<T>, remote: (info: ServerInfo) => Promise<T | undefined>, waiting?: string): Promise<T> {
  try {
    return await withContext(config, local);
  } catch (err) {
    if (!(err instanceof Handoff)) throw err;
    const info = readServerInfo(config.paths.serverInfo);
    const res = info ? await remote(info) : undefined;
    if (res === undefined) throw lockedError(config, info, waiting);
    return res;
  }
}

/** The warehouse is held and no server answered: say who may hold it and what happens to the files. */
function lockedError(config: Config, info: ServerInfo | undefined, waiting?: string): PracticeBoardError {
  const who = info
    ? `a PracticeBoard server (pid ${info.pid}) that is not answering, or another \`practiceboard\` command`
    : 'another PracticeBoard process (another `practiceboard` command still running; no server is running)';
  const then = waiting ? `${waiting}, or run \`practiceboard etl run\` again once it is done.` : 'Try again once it is done.';
  return new PracticeBoardError('WAREHOUSE_LOCKED', `the warehouse ${config.paths.warehouse} is in use by ${who}. ${then}`);
}

/** Open the warehouse for a command that needs it to itself (no hand-off): `refusal` when the server holds it. */
export function ownWarehouse<T>(config: Config, fn: (ctx: Context) => Promise<T>, refusal: string): Promise<T> {
  return withContext(config, fn).catch((err: unknown) => {
    throw err instanceof Handoff ? new PracticeBoardError('SERVER_RUNNING', refusal) : err;
  });
}
