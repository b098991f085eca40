/**
 * The per-request password-change check (server/auth/passwordChange.ts) reads the database
 * once per session that need not change its password, not once per request; a session that
 * must change it is checked on every request, so the change, once made, lets it through at
 * once. A fake Db counts the reads and answers from a flag the test sets.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.ts';
import { forcePasswordChange } from '../../server/auth/passwordChange.ts';

/** A Db whose one query (count of password_change_required rows of a user) answers `must[user]`. */
function fakeDb(must: Record<string, boolean>): Db & { reads: number } {
  const db = {
    reads: 0,
    async use<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
      db.reads++;
      const conn = { runAndReadAll: async (_sql: string, p: { id: string }) => ({ getRows: () => [[must[p.id] ? 1 : 0]] }) };
      return fn(conn as unknown as DuckDBConnection);
    },
  };
  return db;
}

/** Runs the middleware for a GET of `path` by `userId` in session `sessionKey`: 'next' or where it redirected. */
async function run(mw: ReturnType<typeof forcePasswordChange>, userId: string, sessionKey: string, path = '/financial'): Promise<string> {
  let outcome = 'nothing';
  const res = {
    locals: { auth: { userId, username: userId, displayName: userId, role: 'manager', sessionKey } },
    redirect: (_status: number, to: string) => {
      outcome = `redirect ${to}`;
    },
  } as unknown as Response;
  await mw({ method: 'GET', path } as Request, res, (() => {
    outcome = 'next';
  }) as NextFunction);
  return outcome;
}

describe('forcePasswordChange', () => {
  it('reads once per session that need not change its password', async () => {
    const db = fakeDb({ dana: false });
    const mw = forcePasswordChange(db);
    for (let i = 0; i < 5; i++) expect(await run(mw, 'dana', 's-1')).toBe('next');
    expect(db.reads).toBe(1);
    expect(await run(mw, 'dana', 's-2')).toBe('next'); // another session of the same user: its own read
    expect(db.reads).toBe(2);
  });

  it('checks a session that must change its password on every request, and lets it through once changed', async () => {
    const must = { sam: true };
    const db = fakeDb(must);
    const mw = forcePasswordChange(db);
    expect(await run(mw, 'sam', 's-3')).toBe('redirect /account/password');
    expect(await run(mw, 'sam', 's-3')).toBe('redirect /account/password');
    expect(db.reads).toBe(2);
    must.sam = false; // the user set their own password
    expect(await run(mw, 'sam', 's-3')).toBe('next');
    expect(await run(mw, 'sam', 's-3')).toBe('next');
    expect(db.reads).toBe(3);
  });
});
