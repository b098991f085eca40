/**
 * A failed send, as the product reports it: a code, the SMTP reply code where there is one, and
 * whether trying again later can help (`transient`, which the scheduler's retry reads). The
 * message never repeats the server's reply text, which can quote addresses or content.
 */
import { PracticeBoardError } from '../../core/errors.ts';

export class MailError extends PracticeBoardError {
  constructor(
    code: string,
    message: string,
    readonly transient: boolean,
    readonly responseCode?: number,
  ) {
    super(code, message);
  }
}

/** Nodemailer's error codes that mean "could not reach or talk to the server". */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL', 'ECONNREFUSED', 'ECONNRESET']);

/** Classify an error from nodemailer's SMTP transport. 4xx replies and lost connections are transient. */
export function toMailError(err: unknown): MailError {
  const e = err as { code?: unknown; responseCode?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  if (reply !== undefined) {
    const transient = reply >= 400 && reply < 500;
    if (code === 'EAUTH') return new MailError('MAIL_AUTH_FAILED', `the SMTP server refused the login (reply ${reply})`, transient, reply);
    return new MailError(
      transient ? 'MAIL_DEFERRED' : 'MAIL_REJECTED',
      `the SMTP server ${transient ? 'deferred' : 'rejected'} the message (reply ${reply}${code ? `, ${code}` : ''})`,
      transient,
      reply,
    );
  }
  if (code === 'EAUTH') return new MailError('MAIL_AUTH_FAILED', 'the SMTP server refused the login', false);
  if (code && CONNECTION_CODES.has(code)) return new MailError('MAIL_UNREACHABLE', `could not reach the SMTP server (${code})`, true);
  if (code === 'ETLS') return new MailError('MAIL_TLS_FAILED', 'the TLS handshake with the SMTP server failed (ETLS)', false);
  return new MailError('MAIL_FAILED', `sending failed (${code ?? (typeof e.name === 'string' ? e.name : 'unknown error')})`, false);
}
