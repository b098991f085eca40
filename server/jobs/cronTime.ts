/**
 * When a cron schedule is due, as pure functions of (expression, time zone, instant): no clock,
 * no timers. Schedules are five-field cron expressions (minute resolution) read in the
 * practice's time zone. The computation is cron-parser's (node-cron v4 does not expose a
 * next-time function that takes a start instant), which keeps daylight-saving days sane:
 * a 02:30 job on the spring-forward day (02:30 does not exist) falls once, just after the gap,
 * and a 01:30 job on the fall-back day (01:30 happens twice) falls once, at the first 01:30.
 *
 * Guarantees: `nextRun` is strictly after its start; `latestDue(after, now)` is the last slot
 * in (after, now] of the same sequence `nextRun` walks, or null when none fell there.
 */
import { CronExpressionParser } from 'cron-parser';

const HOUR_MS = 3_600_000;

function parse(expr: string, timezone: string, at: Date) {
  // The seconds field is pinned to 0; strict mode refuses a day-of-month and a day-of-week
  // together, where cron implementations disagree (OR in Vixie cron, AND in node-cron).
  return CronExpressionParser.parse(`0 ${expr.trim()}`, { strict: true, tz: timezone, currentDate: at });
}

/** Why `expr` is not a usable schedule, or null when it is. Example: cronProblem('0 8 5 * *') is null. */
export function cronProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return `"${expr}" has ${fields.length} fields; a schedule has 5 (minute hour day-of-month month day-of-week), e.g. "0 8 5 * *"`;
  try {
    parse(expr, 'UTC', new Date(0)).next();
    return null;
  } catch (err) {
    return `"${expr}" is not a cron schedule: ${(err as Error).message}`;
  }
}

/** The first slot of `expr` in `timezone` strictly after `after`. */
export function nextRun(expr: string, timezone: string, after: Date): Date {
  return parse(expr, timezone, after).next().toDate();
}

/**
 * The latest slot in (after, now], or null. Walks forward with `nextRun` over a window that
 * doubles back from `now`, so a long outage of a frequent job costs a few dozen steps, not one
 * per missed slot, and the answer is always a slot that `nextRun` itself would produce.
 */
export function latestDue(expr: string, timezone: string, after: Date, now: Date): Date | null {
  if (nextRun(expr, timezone, after) > now) return null;
  for (let span = HOUR_MS; ; span *= 2) {
    const from = new Date(Math.max(after.getTime(), now.getTime() - span));
    let latest: Date | null = null;
    for (let t = nextRun(expr, timezone, from); t <= now; t = nextRun(expr, timezone, t)) latest = t;
    // When the window reaches back to `after`, the first slot is inside it, so this returns.
    if (latest) return latest;
  }
}
