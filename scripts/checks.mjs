/**
 * The checks `npm test` runs before vitest: the type check, the lint and the import layering, at
 * the same time (each is one process on one core; one after another they took 38 s on this
 * 2-core machine, the two largest 20 and 18 s). Each check's output is printed whole when it
 * ends, under its name, so two checks' lines never interleave; the exit status is 1 if any
 * failed.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';

const CHECKS = ['typecheck', 'lint', 'check:imports'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(name) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => resolve({ name, code: 1, text: `could not start: ${e.message}\n` }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, text: Buffer.concat(out).toString() }));
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const { name, code, text } of results) {
  process.stdout.write(`${code === 0 ? 'ok' : 'FAILED'}: npm run ${name}\n`);
  if (text.trim()) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
