/**
 * Writes a benchmark's figures into its own section of docs/benchmarks.md, between
 * `<!-- bench:NAME -->` markers, leaving the other sections as they are.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function writeSection(name: string, body: string, path = 'docs/benchmarks.md'): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${body}\n${end}`;
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
