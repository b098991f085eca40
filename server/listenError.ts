/**
 * Why the server could not listen, in one sentence that names the address and the cause and
 * says what to do: a busy port, a port that needs privileges, a host this machine does not
 * have. Example: listenError({ code: 'EADDRINUSE' }, '127.0.0.1', 3000).message is
 * 'cannot listen on 127.0.0.1:3000: the port is in use by another program (EADDRINUSE). ...'.
 */
import { PracticeBoardError } from '../core/errors.ts';

const CAUSES: Record<string, string> = {
  EADDRINUSE: 'the port is in use by another program (is PracticeBoard already running?)',
  EACCES: 'this user may not open that port (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
};

export function listenError(err: unknown, host: string, port: number): PracticeBoardError {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : undefined;
  const cause = (code && CAUSES[code]) ?? `the system refused (${code ?? 'no error code'})`;
  return new PracticeBoardError(
    'LISTEN_FAILED',
    `cannot listen on ${host}:${port}: ${cause}${code && CAUSES[code] ? ` (${code})` : ''}. Choose another port with PORT=<n> or server.port in the configuration.`,
    { cause: err },
  );
}
