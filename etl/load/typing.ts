/**
 * Builds the SQL that turns staged text columns into the canonical, typed fields of a
 * source, with a list of reasons for every row that fails. Parsing follows the profile
 * exactly: pinned date formats (never a guess), its number format, its value maps.
 * Reasons name the field and the rule, never the value (which may be patient data).
 * A file the record scan found plain (`plainCells`: no cell it would change) skips trim per cell.
 * The usual cell (already trimmed, an enum spelled as the contract spells it, an amount or ISO
 * date written as DuckDB writes its value) takes a fast path that gives exactly what the general
 * rule gives (test/etl/typingFastPaths.test.ts); nothing here may reorder the rows (their row
 * number is their record number).
 */
import type { FieldSpec, RowRule, SourceSpec } from '../sources/contract.ts';
import type { Profile } from '../profiles/schema.ts';
import { hashedPatientText, patientKeySql } from '../phi/patientKey.ts';
import { escapeRegexChar, plainTextIsOwn } from './amountText.ts';
import { sqlIdent, sqlString } from './sqlText.ts';
import { keyCellsOf, trailerMatchSql } from './trailer.ts';

export interface TypedSql {
  /** CREATE TEMP TABLE typed: one pass over the file producing typed fields, `errs` and raw text of bad rows. */
  readonly createTyped: string;
  /** The SQL that builds the patient-key map from `typed`, when the source has a patient field. */
  readonly patientMapSql?: string;
}

const col = (i: number): string => sqlIdent(`c${i}`);

/**
 * A cell's text trimmed, blank as NULL: `nullif(trim(c), '')`, with a fast path for the usual
 * cell, which trim would not change. DuckDB's trim strips Unicode space separators (category
 * Zs: U+0020, U+00A0, U+3000...) from both ends; a cell that is all ASCII (byte length = character
 * length), starts with a byte from '!' to '~' and does not end with a space has none at either
 * end, so it is its own trimmed text (and not blank). Anything else takes the slow path.
 */
export const cleanCellSql = (c: string): string =>
  `(CASE WHEN ${c} >= '!' AND ${c} < chr(127) AND NOT ends_with(${c}, ' ') AND strlen(${c}) = length(${c}) THEN ${c} ELSE nullif(trim(${c}), '') END)`;

/**
 * A cell's text, blank as NULL, for a file whose every cell the record scan found to be its own
 * trimmed text (trimCheck.ts: all ASCII, no space at a cell's edge): there `nullif(trim(c), '')`
 * is `nullif(c, '')` (test/etl/plainCells.test.ts).
 */
export const plainCellSql = (c: string): string => `nullif(${c}, '')`;

/** Text of one field before typing: the mapped column(s) or constant, trimmed, blank as NULL. */
function rawText(profile: Profile, f: FieldSpec, columns: ReadonlyMap<string, readonly number[]>, clean: (c: string) => string): string {
  const m = profile.columns[f.name];
  if (m !== undefined && typeof m !== 'string' && m.const !== undefined) return sqlString(m.const);
  const idx = columns.get(f.name) ?? [];
  if (idx.length === 0) return 'NULL::VARCHAR';
  const parts = idx.map((i) => clean(col(i)));
  if (parts.length === 1) return parts[0]!;
  if (f.type === 'money' || f.type === 'decimal') {
    // Exports that spread one amount over several columns write 0.00 in the others: the
    // first non-zero amount wins, else the first non-blank one (so a true zero stays zero).
    const nonZero = parts.map((p) => `CASE WHEN regexp_full_match(${p}, '[^1-9]*') THEN NULL ELSE ${p} END`);
    return `coalesce(${[...nonZero, ...parts].join(', ')})`;
  }
  return `coalesce(${parts.join(', ')})`;
}

/** The profile's value map of a field applied to its text (`expr` a column: used once per code). */
function valueMapped(profile: Profile, f: FieldSpec, expr: string): string {
  const map = profile.valueMaps[f.name];
  if (!map || Object.keys(map).length === 0) return expr;
  const cases = Object.entries(map)
    // null or "" maps a code to a blank value (then the field's default, or "required but blank").
    .map(([from, to]) => `WHEN ${sqlString(from)} THEN ${to === null || to === '' ? 'NULL::VARCHAR' : sqlString(to)}`)
    .join(' ');
  return `(CASE ${expr} ${cases} ELSE ${expr} END)`;
}

/** Enum values matched case-insensitively (stored as the contract spells them), then the default (`v` a column). */
function folded(f: FieldSpec, v: string): string {
  let out = v;
  if (f.type === 'enum') {
    const values = f.values ?? [];
    const lowered = `(CASE lower(${v}) ${values.map((x) => `WHEN ${sqlString(x.toLowerCase())} THEN ${sqlString(x)}`).join(' ')} ELSE ${v} END)`;
    // Fast path: a value spelled as the contract spells it is its own result (when it is the first
    // value of its lower case, the one the CASE picks); only other text is lower-cased and matched.
    const exact = values.filter((x) => values.find((w) => w.toLowerCase() === x.toLowerCase()) === x);
    // list_contains, not IN: DuckDB plans a long IN list as a join, which loses the rows' order.
    out = exact.length > 0 ? `(CASE WHEN list_contains([${exact.map(sqlString).join(', ')}], ${v}) THEN ${v} ELSE ${lowered} END)` : lowered;
  }
  if (f.default !== undefined) out = `coalesce(${out}, ${sqlString(f.default)})`;
  return out;
}

/** A money field of the source's signed set, its sign turned on the types the export writes negative. */
function signed(spec: SourceSpec, profile: Profile, f: FieldSpec, expr: string): string {
  const by = spec.signedBy;
  const negative = Object.entries(profile.signs).filter(([, dir]) => dir === 'negative').map(([type]) => type);
  if (!by || negative.length === 0 || !by.amounts.includes(f.name)) return expr;
  return `(CASE WHEN ${sqlIdent(`t_${by.field}`)} IN (${negative.map(sqlString).join(', ')}) THEN -(${expr}) ELSE ${expr} END)`;
}

/** Digits a DECIMAL(p,s) column holds before the decimal mark. */
const intDigits = (sqlType: string): number => {
  const m = /\((\d+)\s*,\s*(\d+)\)/.exec(sqlType);
  return m ? Number(m[1]) - Number(m[2]) : 16;
};

const scaleOf = (f: FieldSpec): number => Number(/,\s*(\d+)\)/.exec(f.sqlType ?? '')?.[1] ?? 2);

/** The text without spaces and (for money) the currency symbol: what the separators are checked in. */
function unspacedText(profile: Profile, v: string, money: boolean): string {
  const n = profile.formats.number;
  const e = `replace(${v}, ' ', '')`;
  return money && n.currencySymbol !== '' ? `replace(${e}, ${sqlString(n.currencySymbol)}, '')` : e;
}

/** Numeric text per the profile's number format: symbol and separators removed, (x) as -x. */
function numberText(profile: Profile, v: string, money: boolean): string {
  const n = profile.formats.number;
  let e = unspacedText(profile, v, money);
  if (n.thousands !== '' && n.thousands !== ' ') e = `replace(${e}, ${sqlString(n.thousands)}, '')`;
  if (n.decimal === ',') e = `replace(${e}, ',', '.')`;
  if (n.parenNegative) e = `(CASE WHEN ${e} LIKE '(%)' THEN '-' || trim(${e}, '()') ELSE ${e} END)`;
  return e;
}

/**
 * The condition that the numeric text's thousands separators, if it has any, group its integer
 * digits in threes (`1,234`, `-1,234.56`, `(1,234.56)`, `$1,234,567.00`); `12,50`, `1,5`,
 * `,100.00`, `100.00,`, `1,,000.00` and `1234,567` do not, and are not numbers (removing every
 * separator read `12,50` as 1250.00). Undefined when the profile has no such separator ('' or a
 * space, which is removed as any space is). The record scan applies the same rule (amountText.ts).
 */
function groupedSql(profile: Profile, v: string, money: boolean): string | undefined {
  const n = profile.formats.number;
  if (n.thousands === '' || n.thousands === ' ') return undefined;
  const g = unspacedText(profile, v, money);
  const body = `[0-9]{1,3}(${escapeRegexChar(n.thousands)}[0-9]{3})+(${escapeRegexChar(n.decimal)}[0-9]+)?`;
  const pattern = n.parenNegative ? `(?:[+-]?${body}|\\(${body}\\))` : `[+-]?${body}`;
  return `(NOT contains(${g}, ${sqlString(n.thousands)}) OR regexp_full_match(${g}, ${sqlString(pattern)}))`;
}

function formatsOf(profile: Profile, f: FieldSpec): string[] {
  const m = profile.columns[f.name];
  if (m !== undefined && typeof m !== 'string' && m.formats) return m.formats;
  return f.type === 'date' ? profile.formats.date : profile.formats.timestamp;
}

interface Typed {
  readonly expr: string;
  /**
   * A cheap typed value computed from the text one level before `expr` (bound there as the
   * column `q`), which `expr` takes when the text is already canonical (a fast path).
   */
  readonly pre?: string;
  readonly badWhen?: string; // condition (text present but not typable)
  /** SQL text expression of the reason (it may depend on what is wrong with the text). */
  readonly reasonSql?: string;
}

/**
 * How a date-and-time format places its text in time: `utc`, a format ending in a literal `Z`
 * (ISO 8601's UTC designator, as `%Y-%m-%dT%H:%M:%SZ`); `offset`, one with `%z` (+05:00) or `%Z`
 * (a zone name); `local`, any other, a clock time as the practice reads it.
 */
export function formatZone(format: string): 'utc' | 'offset' | 'local' {
  const directives = format.replaceAll('%%', '');
  if (/%[zZ]/.test(directives)) return 'offset';
  return /(^|[^%])Z$/.test(directives) ? 'utc' : 'local';
}

/**
 * The text as a TIMESTAMP on the practice's clock (`timezone`, an IANA zone): a time written with
 * its zone (UTC `Z`, an offset, a zone name) is an instant, turned into the practice's local time;
 * a time written without one is already the practice's. For a date field (`asWrittenUtc`) a `Z`
 * time keeps its date as written: exports write a plain date as midnight UTC
 * (`2026-11-03T00:00:00Z`), which on a clock west of Greenwich is the day before. Never through
 * DuckDB's session TimeZone (it follows the server process's TZ): every conversion names its zone.
 * Formats are tried in order within each kind; no text parses under two kinds (the `Z`, the offset
 * or the name must be in the text, and a format without them takes no trailing text), so the
 * kinds' order is only that of their first format.
 */
export function localTimestampSql(t: string, formats: readonly string[], timezone: string, asWrittenUtc = false): string {
  const list = (fs: readonly string[]): string => `[${fs.map(sqlString).join(', ')}]`;
  const tz = sqlString(timezone);
  const kindOf = (x: string): 'utc' | 'offset' | 'local' => {
    const k = formatZone(x);
    return k === 'utc' && asWrittenUtc ? 'local' : k;
  };
  const kinds = [...new Set(formats.map(kindOf))];
  const parts = kinds.map((k) => {
    const parsed = `try_strptime(${t}, ${list(formats.filter((x) => kindOf(x) === k))})`;
    if (k === 'local') return parsed;
    return k === 'utc' ? `timezone(${tz}, timezone('UTC', ${parsed}))` : `timezone(${tz}, ${parsed})`;
  });
  return parts.length === 1 ? parts[0]! : `coalesce(${parts.join(', ')})`;
}

function typedField(profile: Profile, f: FieldSpec, t: string, q: string, timezone: string): Typed {
  switch (f.type) {
    case 'id':
    case 'text':
      return { expr: t };
    case 'patient':
      return { expr: 'pk.patient_key' };
    case 'enum': {
      const values = `[${(f.values ?? []).map(sqlString).join(', ')}]`;
      return { expr: t, badWhen: `NOT list_contains(${values}, ${t})`, reasonSql: sqlString(`not one of ${(f.values ?? []).join(', ')}`) };
    }
    case 'int':
      return { expr: `TRY_CAST(${t} AS INTEGER)`, badWhen: `TRY_CAST(${t} AS INTEGER) IS NULL`, reasonSql: sqlString('not a whole number') };
    case 'decimal':
    case 'money': {
      const money = f.type === 'money';
      const scale = money ? 2 : scaleOf(f);
      const sqlType = money ? 'DECIMAL(18,2)' : (f.sqlType ?? 'DECIMAL(18,2)');
      const n = numberText(profile, t, money);
      const ok = `regexp_full_match(${n}, '[+-]?[0-9]+(\\.[0-9]{1,${scale}})?')`;
      const grouped = groupedSql(profile, t, money);
      // Fast path: text that is exactly what DuckDB writes for its value (e.g. 489.00, -12.50)
      // passes the checks below (it holds no thousands separator: plainTextIsOwn) and casts to
      // that same value, so it needs neither.
      const fast = plainTextIsOwn(profile.formats.number, money);
      const expr = `(CASE ${fast ? `WHEN CAST(${q} AS VARCHAR) = ${t} THEN ${q} ` : ''}WHEN ${ok}${grouped ? ` AND ${grouped}` : ''} THEN TRY_CAST(${n} AS ${sqlType}) END)`;
      // Say what is wrong: separators out of place in what would otherwise be a number, a number
      // with too many decimals, one too large for the column, or not a number at all.
      const what = money ? 'an amount' : 'a number';
      const reasonSql = `CASE ${grouped ? `WHEN NOT ${grouped} AND ${ok} THEN ${sqlString(`not ${what} in the profile's number format: its thousands separators do not group the digits in threes`)}
        ` : ''}WHEN regexp_full_match(${n}, '[+-]?[0-9]+\\.[0-9]+') AND NOT ${ok} THEN ${sqlString(`has more than ${scale} decimals`)}
        WHEN ${ok} THEN ${sqlString(`is too large: at most ${intDigits(sqlType)} digits before the decimal mark`)}
        ELSE ${sqlString(`not ${what} in the profile's number format`)} END`;
      return { expr, badWhen: `${expr} IS NULL`, reasonSql, ...(fast ? { pre: `TRY_CAST(${t} AS ${sqlType})` } : {}) };
    }
    case 'date':
    case 'timestamp': {
      const fmts = formatsOf(profile, f);
      let expr = localTimestampSql(t, fmts, timezone, f.type === 'date');
      // Fast path: an ISO date (the first format %Y-%m-%d), 10 characters written exactly as
      // DuckDB writes the date it casts to, is the date that format parses it to.
      const fast = f.type === 'date' && fmts[0] === '%Y-%m-%d';
      if (f.type === 'date') expr = fast ? `(CASE WHEN strlen(${t}) = 10 AND CAST(${q} AS VARCHAR) = ${t} THEN ${q} ELSE CAST(${expr} AS DATE) END)` : `CAST(${expr} AS DATE)`;
      if (f.truncateToMonth) expr = `CAST(date_trunc('month', ${expr}) AS DATE)`;
      return { expr, badWhen: `${expr} IS NULL`, reasonSql: sqlString(`not a ${f.type} in the format ${fmts.join(' or ')}`), ...(fast ? { pre: `TRY_CAST(${t} AS DATE)` } : {}) };
    }
  }
}

/**
 * The years a date may have: `%Y` reads any number of digits, so a file that writes two-digit
 * years (`1/3/26`, as a spreadsheet saves it) read with `%m/%d/%Y` gives the year 26, not 2026.
 * Such a row is rejected with its reason (the value is not named). Loaded, a service date of the
 * year 26 aged its charge two thousand years (A/R over 120 days), and an appointment's start put
 * the file's coverage back to the year 26, with nothing said.
 */
const YEARS = { from: 1900, to: 2199 } as const;

function yearOutOfRange(f: FieldSpec, colName: string, formats: readonly string[]): string {
  const lit = f.type === 'date' ? 'DATE' : 'TIMESTAMP';
  const reason = `${f.name}|is outside the years ${YEARS.from} to ${YEARS.to}: a two-digit year read as four digits? (the format is ${formats.join(' or ')}; %y reads two digits)`;
  return `CASE WHEN ${colName} < ${lit} '${YEARS.from}-01-01' OR ${colName} >= ${lit} '${YEARS.to + 1}-01-01' THEN ${sqlString(reason)} END`;
}

/**
 * One statement: read the file (readSql), clean each field's text, type it, and collect every
 * reason a row fails. Typed values are computed once per level and compared with their text in
 * the next, so no parse runs twice; reasons are joined into one text ('' when clean). Raw text
 * is built only for failing rows, from the columns the profile maps (others stay blank).
 */
export function buildTypedSql(
  spec: SourceSpec,
  profile: Profile,
  columns: ReadonlyMap<string, readonly number[]>,
  columnCount: number,
  readSql: string,
  keptColumns: readonly number[],
  opts: { readonly plainCells?: boolean; readonly timezone: string },
): TypedSql {
  const cells = Array.from({ length: columnCount }, (_, i) => col(i));
  const clean = opts.plainCells === true ? plainCellSql : cleanCellSql;
  // Each level computes its columns once from the columns of the level below: the cleaned text
  // (s_), the value-mapped text (v_), the folded text with its default (t_), fast-path values (q_).
  const named = (prefix: string, f: FieldSpec): string => sqlIdent(`${prefix}_${f.name}`);
  const lc = `SELECT ${cells.join(', ')}, ${spec.fields.map((f) => `${rawText(profile, f, columns, clean)} AS ${named('s', f)}`).join(',\n  ')} FROM (${readSql}) l0`;
  const lv = `SELECT ${cells.join(', ')}, ${spec.fields.map((f) => `${valueMapped(profile, f, named('s', f))} AS ${named('v', f)}`).join(',\n  ')} FROM (${lc}) lc`;
  const lt = `SELECT ${cells.join(', ')}, ${spec.fields.map((f) => `${folded(f, named('v', f))} AS ${named('t', f)}`).join(',\n  ')} FROM (${lv}) lv`;
  const typedFields = spec.fields.map((f) => ({ f, typed: typedField(profile, f, named('t', f), named('q', f), opts.timezone) }));
  const pres = typedFields.filter((x) => x.typed.pre !== undefined).map((x) => `${x.typed.pre} AS ${named('q', x.f)}`);
  const l1 = pres.length > 0 ? `SELECT lt.*, ${pres.join(', ')} FROM (${lt}) lt` : lt;

  const outs: string[] = [];
  const errs: string[] = [];
  const fieldCols: string[] = [];
  for (const { f, typed } of typedFields) {
    const t = named('t', f);
    const colName = sqlIdent(f.column ?? f.name);
    if (f.type !== 'patient') {
      outs.push(`${signed(spec, profile, f, typed.expr)} AS ${colName}`);
      fieldCols.push(colName);
    }
    if (f.required) errs.push(`CASE WHEN ${t} IS NULL THEN ${sqlString(`${f.name}|is required but blank`)} END`);
    if (typed.badWhen) {
      const bad = f.type === 'enum' ? typed.badWhen : `${colName} IS NULL`;
      errs.push(`CASE WHEN ${t} IS NOT NULL AND ${bad} THEN ${sqlString(`${f.name}|`)} || (${typed.reasonSql}) END`);
    }
    if (f.type === 'date' || f.type === 'timestamp') errs.push(yearOutOfRange(f, colName, formatsOf(profile, f)));
  }
  const l2 = `SELECT l1.*, ${outs.join(',\n  ')} FROM (${l1}) l1`;
  const ruleText = (r: RowRule): string => `CASE WHEN ${r.when} THEN ${sqlString(`${r.column}|${r.reason}`)} END`;
  const rules = (spec.rules ?? []).map(ruleText);
  const warns = (spec.warnings ?? []).map(ruleText);
  const patient = spec.fields.find((f) => f.type === 'patient');
  const patientText = patient ? sqlIdent(`t_${patient.name}`) : undefined;
  const l3 = `SELECT ${cells.join(', ')}, ${fieldCols.join(', ')}${patientText ? `, ${patientText}` : ''},
    concat_ws(chr(10), ${[...errs, ...rules].join(',\n    ')}) AS errs,
    ${warns.length > 0 ? `concat_ws(chr(10), ${warns.join(',\n    ')})` : "''"} AS warns FROM (${l2}) l2`;
  const kept = new Set(keptColumns);
  // The patient id column is quarantined as its keyed hash, as the facts hold it (never raw).
  const patientCols = new Set(patient ? (columns.get(patient.name) ?? []) : []);
  const cellText = (c: string, i: number): string => (patientCols.has(i) ? `CASE WHEN nullif(trim(${c}), '') IS NULL THEN NULL ELSE ${hashedPatientText(`trim(${c})`)} END` : c);
  const rawCells = cells.map((c0, i) => {
    const c = cellText(c0, i);
    return kept.has(i) ? `CASE WHEN ${c} IS NULL THEN '' WHEN regexp_matches(${c}, '[",\\r\\n]') THEN '"' || replace(${c}, '"', '""') || '"' ELSE ${c} END` : "''";
  });
  // No warning rules, no `warns` column (warnings.ts reads none then): a column of '' per row costs its write.
  const createTyped = `CREATE TEMP TABLE typed AS
    SELECT ${fieldCols.join(', ')}${patientText ? `, ${patientText}` : ''}, errs${warns.length > 0 ? ', warns' : ''},
      CASE WHEN errs <> '' THEN ${trailerMatchSql(cells, keyCellsOf(spec, columns))} ELSE false END AS trailer_match,
      CASE WHEN errs <> '' THEN concat_ws(',', ${rawCells.join(', ')}) END AS raw_record
    FROM (${l3}) l3`;
  const patientMapSql = patientText
    ? `CREATE TEMP TABLE pk_map AS SELECT patient_text, ${patientKeySql('patient_text')} AS patient_key FROM (SELECT DISTINCT ${patientText} AS patient_text FROM rows_v WHERE ok)`
    : undefined;
  return { createTyped, ...(patientMapSql ? { patientMapSql } : {}) };
}
