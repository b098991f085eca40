/**
 * The errors of loading: a profile that cannot be used, a file that cannot be loaded at all.
 * Both name the file (and line) and never quote a value from it.
 */
import { PracticeBoardError } from '../core/errors.ts';

/** A profile file that cannot be used; ending a request, the request was bad (400). */
export class ProfileError extends PracticeBoardError {
  constructor(
    readonly origin: string,
    problem: string,
  ) {
    super('PROFILE_INVALID', `profile ${origin}: ${problem}`, { status: 400 });
  }
}

/** A file that cannot be loaded at all (as opposed to rows rejected within it). */
export class LoadError extends PracticeBoardError {
  constructor(
    code: string,
    readonly file: string,
    problem: string,
    readonly line?: number,
  ) {
    super(code, `${file}${line !== undefined ? `, line ${line}` : ''}: ${problem}`);
  }
}
