/**
 * What a SQL text does to the warehouse, as far as the page caches care (writeVersion.ts):
 * each statement is a read, the start or the end of a transaction, a write to a temporary
 * object of the connection (never shown by a page), or a write. Anything not recognised as one
 * of the first four is a write: a mistake here costs a rebuilt page, never a stale one.
 * - The text is split into statements outside quotes and comments ('..', "..", -- and block
 *   comments), so `BEGIN; INSERT ...; COMMIT` is three statements.
 * - A WITH is a read only if no INSERT, UPDATE, DELETE or MERGE appears in it (a word inside a
 *   string counts too: a write, to be safe).
 * - A write names its table when the statement's form says it (INSERT INTO t, UPDATE t, ...):
 *   the caller may know tables no cached page reads (the audit log, sessions).
 * - `DROP ... IF EXISTS name` (unqualified, not a known temporary object) is flagged `ifExists`:
 *   the caller may look the name up (a drop of nothing, or of a temporary object another
 *   statement made, changes no table a page reads).
 * - A temporary object is one the statement names as `temp.` or `temp.main.`, or one that this
 *   connection created as TEMP (`temps`, kept by the caller per connection).
 */

export type StatementKind =
  | { readonly kind: 'read' }
  | { readonly kind: 'begin' }
  | { readonly kind: 'end' }
  | { readonly kind: 'temp'; readonly created?: string; readonly dropped?: string }
  /** `table`: the one table or view it writes, when the statement names it (INSERT, UPDATE, DELETE, TRUNCATE, DROP). */
  | { readonly kind: 'write'; readonly table?: string; readonly ifExists?: boolean };

/** The statements of `sql`, comments removed, each trimmed (empty ones left out). */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = closing(sql, i, ch);
      cur += sql.slice(i, end);
      i = end - 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl - 1;
      cur += ' ';
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      cur += ' ';
    } else if (ch === ';') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The index just past the quote closing the one at `start` (a doubled quote is an escape). */
function closing(sql: string, start: number, q: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

const READS = new Set(['SELECT', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'SHOW', 'SUMMARIZE', 'PRAGMA', 'SET', 'RESET', 'EXPLAIN']);
const IDENT = String.raw`((?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))*)`;
const CREATE_TEMP = new RegExp(String.raw`^CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\s+(?:TABLE|VIEW|SEQUENCE|MACRO)\s+(?:IF\s+NOT\s+EXISTS\s+)?${IDENT}`, 'i');
const TARGET = new RegExp(String.raw`^(?:INSERT\s+(?:OR\s+(?:REPLACE|IGNORE)\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|DROP\s+(?:TABLE|VIEW|SEQUENCE|MACRO)(?:\s+IF\s+EXISTS)?)\s+${IDENT}`, 'i');
const DROP = /^DROP\s/i;

/** The object's name without quotes, lower case, parts joined by '.'. */
const nameOf = (ident: string): string =>
  ident
    .split(/\s*\.\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((p) => (p.startsWith('"') ? p.slice(1, -1).replaceAll('""', '"') : p).toLowerCase())
    .join('.');

/** `name` is a temporary object: qualified as temp's, or created by this connection as TEMP. */
function isTemp(name: string, temps: ReadonlySet<string>): boolean {
  if (name.startsWith('temp.')) return true;
  return !name.includes('.') && temps.has(name);
}

/** What one statement (from splitStatements) does; `temps`: the connection's temporary objects. */
export function statementKind(statement: string, temps: ReadonlySet<string>): StatementKind {
  const first = /^\(*\s*([A-Za-z]+)/.exec(statement)?.[1]?.toUpperCase() ?? '';
  if (first === 'BEGIN' || (first === 'START' && /^START\s+TRANSACTION/i.test(statement))) return { kind: 'begin' };
  if (first === 'COMMIT' || first === 'END' || first === 'ROLLBACK' || first === 'ABORT') return { kind: 'end' };
  if (first === 'EXPLAIN' && /^EXPLAIN\s+ANALY[SZ]E/i.test(statement)) return { kind: 'write' };
  if (READS.has(first)) return { kind: 'read' };
  if (first === 'WITH') return /\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(statement) ? { kind: 'write' } : { kind: 'read' };
  const created = CREATE_TEMP.exec(statement);
  if (created) return { kind: 'temp', created: nameOf(created[1]!).replace(/^temp\.(main\.)?/, '') };
  const target = TARGET.exec(statement);
  if (target) {
    const name = nameOf(target[1]!);
    if (isTemp(name, temps)) return DROP.test(statement) ? { kind: 'temp', dropped: name.replace(/^temp\.(main\.)?/, '') } : { kind: 'temp' };
    const ifExists = DROP.test(statement) && /^DROP\s+\w+\s+IF\s+EXISTS\s/i.test(statement) && !name.includes('.');
    return { kind: 'write', table: name.replace(/^main\./, ''), ...(ifExists ? { ifExists } : {}) };
  }
  return { kind: 'write' };
}
