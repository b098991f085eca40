/**
 * An error with an HTTP status and a message safe to show (it names the bad parameter, never
 * data). The app's error handler maps it to the response; any other error is a 500.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
