/**
 * When the server holds the warehouse, the command line hands its work to the server over
 * loopback instead of failing on DuckDB's file lock. The server writes data/server.json (its
 * port and a random token, owner-only) at start; requests carry the token.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PracticeBoardError } from '../core/errors.ts';

export interface ServerInfo {
  readonly pid: number;
  readonly port: number;
  readonly token: string;
}

export const newServerToken = (): string => randomBytes(24).toString('hex');

export function writeServerInfo(path: string, port: number, token: string): ServerInfo {
  const info = { pid: process.pid, port, token };
  writeFileSync(path, JSON.stringify(info) + '\n', { mode: 0o600 });
  return info;
}

export function removeServerInfo(path: string): void {
  rmSync(path, { force: true });
}

export function readServerInfo(path: string): ServerInfo | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ServerInfo;
  } catch {
    return undefined; // a half-written or stale file: treated as no server
  }
}

/** The server's refusal, with its safe message (the same words the command line gives on its own). */
const refused = (status: number, error: string | undefined) => new PracticeBoardError('SERVER_REFUSED', error ?? `the server answered ${status}`, { status });

/** Fetch a file (a report) from the running server's internal API; undefined when no server answers. */
export async function fetchFromServer(info: ServerInfo, path: string): Promise<Buffer | undefined> {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${info.port}/internal${path}`, { headers: { authorization: `Bearer ${info.token}` } });
  } catch {
    return undefined;
  }
  if (!res.ok) throw refused(res.status, ((await res.json()) as { error?: string }).error);
  return Buffer.from(await res.arrayBuffer());
}

/** Call the running server's internal ETL API; undefined when no server answers. */
export async function callServer<T>(info: ServerInfo, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | undefined> {
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${info.port}/internal${path}`, {
      method,
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return undefined; // nothing listening: the server is gone
  }
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw refused(res.status, json.error);
  return json;
}
