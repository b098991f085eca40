/**
 * The `practiceboard` command run inside the test process (server/cli.ts `main`, the function
 * bin/practiceboard.mjs runs), for tests of what a command does rather than of the binary (a
 * spawn costs a Node start and the whole program's load; test/server/cli.test.ts keeps at least
 * one real spawn per command family). For the call only, and one call at a time: the
 * environment is the one given (loadConfig reads it), what the command writes to standard
 * output and error (console and process.stdout.write) is captured, and process.exitCode is
 * cleared before and restored after; the code is what `main` returns, as the binary exits.
 */
import { format } from 'node:util';
import { main } from '../../server/cli.ts';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

let running = false;

export async function cliInProcess(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<CliResult> {
  if (running) throw new Error('cliInProcess: one command at a time (it swaps process.env and the console)');
  running = true;
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, write: process.stdout.write };
  const out: string[] = [];
  const err: string[] = [];
  try {
    for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
    Object.assign(process.env, env);
    process.exitCode = undefined;
    console.log = console.info = (...a: unknown[]) => void out.push(`${format(...a)}\n`);
    console.warn = console.error = (...a: unknown[]) => void err.push(`${format(...a)}\n`);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    const code = await main([...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    process.stdout.write = saved.write;
    process.exitCode = savedExitCode;
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
    running = false;
  }
}
