/**
 * The scheduler's errors, and how any failure of a job is recorded: a code and a message that
 * quote no data. The product's own errors (PracticeBoardError) carry safe messages by
 * contract; any other error (a driver's, a library's) may quote a row, so only its name and
 * code are kept. A failure is retried only when the error says it is transient
 * (`transient: true`, as the mailer's errors do for a server that is down or says "try later").
 */
import { PracticeBoardError } from '../../core/errors.ts';
import { presentInstant } from '../../dashboards/present/index.ts';

/** A "run now" for a job that is already running: refused, not queued (409). */
export class JobBusyError extends PracticeBoardError {
  constructor(
    readonly jobId: string,
    label: string,
    readonly runningSince: Date,
    timezone: string,
  ) {
    super(
      'JOB_RUNNING',
      `${label} is already running (since ${presentInstant(runningSince, timezone)}), so it was not started again. Wait for it to finish, then try again.`,
      { status: 409 },
    );
  }
}

/** A job id the scheduler does not have (404). */
export class UnknownJobError extends PracticeBoardError {
  constructor(
    readonly jobId: string,
    known: readonly string[],
  ) {
    super('JOB_UNKNOWN', `there is no job "${jobId}"; the jobs are ${known.join(', ')}`, { status: 404 });
  }
}

/** A "run now" while the server stops (503). */
export class SchedulerStoppedError extends PracticeBoardError {
  constructor() {
    super('SCHEDULER_STOPPED', 'The server is stopping; no job can start now.', { status: 503 });
  }
}

export interface JobFailure {
  readonly code: string;
  readonly message: string;
  readonly transient: boolean;
}

const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const MAX_MESSAGE = 500;

export function describeJobError(err: unknown): JobFailure {
  const transient = (err as { transient?: unknown } | null)?.transient === true;
  if (err instanceof PracticeBoardError) return { code: err.code, message: err.message.slice(0, MAX_MESSAGE), transient };
  const name = err instanceof Error ? err.name : typeof err;
  const code = (err as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' && CODE.test(code) ? code : 'JOB_FAILED',
    message: `unexpected ${name}; its text is not recorded because it may quote data (see the server log for the code)`,
    transient,
  };
}
