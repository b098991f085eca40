/**
 * A schedule in words, for the admin page: cronstrue's English with a 24-hour clock, plus the
 * practice's time zone whenever the schedule names an hour (a sub-hourly schedule is the same
 * in every zone). Examples:
 *   describeSchedule('*\/15 * * * *', 'America/New_York') -> 'every 15 minutes'
 *   describeSchedule('0 8 5 * *', 'America/New_York')    -> 'at 08:00, on day 5 of the month (America/New_York)'
 */
import cronstrue from 'cronstrue';

export function describeSchedule(expr: string, timezone: string): string {
  const words = cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false, throwExceptionOnParseError: true });
  const sentence = words.charAt(0).toLowerCase() + words.slice(1);
  const hourField = expr.trim().split(/\s+/)[1] ?? '*';
  return hourField === '*' ? sentence : `${sentence} (${timezone})`;
}
