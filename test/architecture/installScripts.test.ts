// Install scripts of dependencies are reviewed, not run by default: every package the lockfile
// marks as having an install script has a decision in package.json's `allowScripts` (npm 11.16
// prints an advisory for the others at every `npm ci`; npm 12 skips their scripts silently).
// esbuild is the only one today: its postinstall checks its native binary's version and puts the
// binary in place of the JavaScript shim; the build (bin/build.mjs) works with it or without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};

/** The package name of a lockfile key, `node_modules/a/node_modules/@s/b` giving `@s/b`. */
const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('dependency install scripts', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([key, p]) => key !== '' && p.hasInstallScript === true)
    .map(([key]) => nameOf(key));

  it('each has a reviewed decision in package.json allowScripts', () => {
    const decided = new Set(Object.keys(pkg.allowScripts ?? {}).map((k) => k.replace(/(.)@.*$/, '$1')));
    expect(withScripts.filter((n) => !decided.has(n))).toEqual([]);
    // The lockfile is read right: esbuild is known to have one.
    expect(withScripts).toContain('esbuild');
  });

  it('decides only for packages that are installed with a script (no stale entries)', () => {
    const stale = Object.keys(pkg.allowScripts ?? {})
      .map((k) => k.replace(/(.)@.*$/, '$1'))
      .filter((n) => !withScripts.includes(n));
    expect(stale).toEqual([]);
  });
});
