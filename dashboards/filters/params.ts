/**
 * Reading a request's query parameters, each on its own, with zod: every parameter is single,
 * known and well formed, or it gets one message naming it, the problem with the value and what
 * would be valid. A value is echoed only when it is at most 40 characters (as a JSON string, so
 * control characters show escaped); escaping it for HTML is the caller's job. Cross-parameter
 * rules (period against month, dates against the clock) are `resolve.ts`'s.
 */
import { z } from 'zod';
import { isIsoDate, isIsoMonth, monthEnd } from './calendar.ts';
import {
  COMPARES,
  FILTER_PARAMS,
  FIRST_MONTH,
  isIdentifier,
  MAX_ID_CHARS,
  PAYER_CLASSES,
  PERIODS,
  type Compare,
  type FilterParam,
  type PayerClass,
  type Period,
} from './types.ts';

const MAX_ECHO = 40;

/** A bad value as a message shows it: quoted when short, by its length when long. */
export function show(value: unknown, noun = 'value'): string {
  const text = String(value);
  const chars = [...text].length;
  return chars > MAX_ECHO ? `a ${noun} of ${chars} characters` : JSON.stringify(text);
}

/** A zod string field whose check returns the parsed value or the problem with it. */
function field<T>(check: (text: string) => { value: T } | { problem: string }) {
  return z.string().transform((text, ctx) => {
    const r = check(text);
    if ('value' in r) return r.value;
    ctx.addIssue({ code: 'custom', message: r.problem });
    return z.NEVER;
  });
}

const oneOf = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z.enum(values, { error: (iss) => `${show(iss.input)} is not ${what}; use one of ${values.join(', ')}` });

const identifier = (what: string) =>
  z.string().refine(isIdentifier, {
    error: (iss) => `${show(iss.input)} is not ${what} id; use the id as the data holds it: 1 to ${MAX_ID_CHARS} characters, no NUL, well-formed Unicode`,
  });

const month = field((text) =>
  !isIsoMonth(text) ? { problem: `${show(text)} is not a month; use YYYY-MM, e.g. 2025-03` }
  : text < FIRST_MONTH ? { problem: `${show(text)} is before ${FIRST_MONTH}; use a later month` }
  : { value: text },
);

/** `from`/`to` of a custom period: a month, or the first (last) day of one. */
const monthBoundary = (edge: 'first' | 'last') =>
  field((text) => {
    const example = (m: string) => (edge === 'first' ? `${m} or ${m}-01` : `${m} or ${monthEnd(`${m}-01`)}`);
    if (!isIsoMonth(text) && !isIsoDate(text)) return { problem: `${show(text)} is not a month or a date; use YYYY-MM or YYYY-MM-DD, e.g. ${example('2025-03')}` };
    if (text.slice(0, 7) < FIRST_MONTH) return { problem: `${show(text)} is before ${FIRST_MONTH}; use a later month` };
    const date = isIsoMonth(text) ? (edge === 'first' ? `${text}-01` : monthEnd(`${text}-01`)) : text;
    const boundary = edge === 'first' ? `${date.slice(0, 7)}-01` : monthEnd(date);
    return date === boundary ? { value: date } : { problem: `${show(text)} is not the ${edge} day of a month; periods are whole months: use ${example(date.slice(0, 7))}` };
  });

const isoDate = field((text) => (isIsoDate(text) ? { value: text } : { problem: `${show(text)} is not a date; use YYYY-MM-DD, e.g. 2025-03-31` }));

const PARAMS = z.strictObject({
  period: oneOf(PERIODS, 'a period').optional(),
  month: month.optional(),
  from: monthBoundary('first').optional(),
  to: monthBoundary('last').optional(),
  compare: oneOf(COMPARES, 'a comparison').optional(),
  location: identifier('a location').optional(),
  provider: identifier('a provider').optional(),
  payerClass: oneOf(PAYER_CLASSES, 'a payer class').optional(),
  asOf: isoDate.optional(),
});

/** The parameters that passed their own checks. `from` and `to` are already whole-month dates. */
export interface Params {
  period?: Period;
  month?: string;
  from?: string;
  to?: string;
  compare?: Compare;
  location?: string;
  provider?: string;
  payerClass?: PayerClass;
  asOf?: string;
}

const isParam = (key: string): key is FilterParam => (FILTER_PARAMS as readonly string[]).includes(key);

/** The query's parameters read one by one. An empty value counts as absent (an HTML form's "all"). */
export function readParams(query: Record<string, unknown>): { params: Params; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const input: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) {
    if (!isParam(key)) input[key] = value; // zod reports it as unknown
    else if (Array.isArray(value)) errors.set(key, `${key}: given ${value.length} times; give it once`);
    else if (value !== undefined && typeof value !== 'string') errors.set(key, `${key}: must be a single text value, e.g. ${key}=...`);
    else if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = PARAMS.safeParse(input);
  if (parsed.success) return { params: parsed.data, errors };
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.set(`?${key}`, `unknown parameter: ${show(key, 'name')}; the parameters are ${FILTER_PARAMS.join(', ')}`);
    } else {
      const key = String(issue.path[0]);
      errors.set(key, `${key}: ${issue.message}`);
    }
  }
  // What zod accepted is kept, so the cross-parameter rules can still check the rest.
  const params: Record<string, unknown> = {};
  for (const key of FILTER_PARAMS) {
    if (errors.has(key) || !(key in input)) continue;
    const one = PARAMS.shape[key].safeParse(input[key]);
    if (one.success && one.data !== undefined) params[key] = one.data;
  }
  return { params: params as Params, errors };
}
