/**
 * The run order of test files (test/helpers/sequencer.ts): longest first by the committed list,
 * new files right after each worker's first file (largest first), each worker's first file a
 * listed one that needs no demo practice, and
 * the demo helpers recognised from a file's imports; and the spans the list is made of (a
 * file's time from the end of the previous file on its worker). Expected values worked by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_HELPERS, expectedSeconds, listedDurations, runOrder, type TestFile } from './sequencer.ts';
import { spans } from './updateDurations.ts';

const f = (path: string, bytes: number, needsDemo = false): TestFile => ({ path, bytes, needsDemo });

describe('the test run order', () => {
  it('puts the longest listed files first, equal ones by path', () => {
    const files = [f('test/a.test.ts', 100), f('test/b.test.ts', 100), f('test/c.test.ts', 100), f('test/d.test.ts', 100)];
    expect(runOrder(files, { 'test/a.test.ts': 1, 'test/b.test.ts': 30, 'test/c.test.ts': 5, 'test/d.test.ts': 5 }, 1)).toEqual(['test/b.test.ts', 'test/c.test.ts', 'test/d.test.ts', 'test/a.test.ts']);
  });

  it('estimates a file missing from the list from its size, at the median seconds per byte', () => {
    // Listed rates 0.01, 0.02 and 0.05 s per byte: median 0.02; the new file of 1,000 bytes is 20 s.
    const files = [f('test/a.test.ts', 100), f('test/b.test.ts', 1000), f('test/c.test.ts', 200), f('test/new.test.ts', 1000)];
    const listed = { 'test/a.test.ts': 1, 'test/b.test.ts': 50, 'test/c.test.ts': 4 };
    expect(expectedSeconds(files, listed).get('test/new.test.ts')).toBeCloseTo(20, 10);
  });

  it('runs the files missing from the list right after the first files, largest first, before every other listed file', () => {
    // a, b, c listed (b the longest, needing no demo: the first file); new1 (estimated 4 s) and
    // new2 (20 s) unlisted: they go next, new2 first, then c and a, however short new1 looks.
    const files = [f('test/a.test.ts', 100, true), f('test/b.test.ts', 1000), f('test/c.test.ts', 200, true), f('test/new1.test.ts', 200, true), f('test/new2.test.ts', 1000)];
    const listed = { 'test/a.test.ts': 1, 'test/b.test.ts': 50, 'test/c.test.ts': 4 };
    expect(runOrder(files, listed, 1)).toEqual(['test/b.test.ts', 'test/new2.test.ts', 'test/new1.test.ts', 'test/c.test.ts', 'test/a.test.ts']);
    // A new file is never a worker's first (its time is unknown); with 2 workers and only b
    // needing no demo among the listed, b alone goes first.
    expect(runOrder(files, listed, 2)).toEqual(['test/b.test.ts', 'test/new2.test.ts', 'test/new1.test.ts', 'test/c.test.ts', 'test/a.test.ts']);
  });

  it('starts each worker on the longest file that needs no demo, then goes on longest first', () => {
    const files = [f('test/e2e.test.ts', 1, true), f('test/browser.test.ts', 1, true), f('test/cli.test.ts', 1), f('test/unit.test.ts', 1), f('test/tiny.test.ts', 1)];
    const listed = { 'test/e2e.test.ts': 135, 'test/browser.test.ts': 82, 'test/cli.test.ts': 54, 'test/unit.test.ts': 3, 'test/tiny.test.ts': 0.1 };
    expect(runOrder(files, listed, 2)).toEqual(['test/cli.test.ts', 'test/unit.test.ts', 'test/e2e.test.ts', 'test/browser.test.ts', 'test/tiny.test.ts']);
    expect(runOrder(files, listed, 1)).toEqual(['test/cli.test.ts', 'test/e2e.test.ts', 'test/browser.test.ts', 'test/unit.test.ts', 'test/tiny.test.ts']);
  });

  it('knows a file that opens the demo by its imports', () => {
    expect(DEMO_HELPERS.test("import { startDemoServer } from '../helpers/demoServer.ts';")).toBe(true);
    expect(DEMO_HELPERS.test("import { startAppServer } from '../helpers/appServer.ts';")).toBe(true);
    expect(DEMO_HELPERS.test("import { openDemo } from './demo.ts';")).toBe(true);
    expect(DEMO_HELPERS.test("import { openDemo } from '../reports/demo.ts';")).toBe(true);
    expect(DEMO_HELPERS.test("import { openHarness } from '../helpers/etlHarness.ts';")).toBe(false);
    expect(DEMO_HELPERS.test(readFileSync('test/e2e/responsive.test.ts', 'utf8'))).toBe(true);
    expect(DEMO_HELPERS.test(readFileSync('test/server/cli.test.ts', 'utf8'))).toBe(false);
  });

  it('counts a file from the end of the previous file on its worker, its hooks included', () => {
    // Two workers from 0: b runs 2..20 (lane 0, from 0); a runs 5..10 (lane 1, from 0); c runs
    // 12..15 on the lane a freed at 10.
    const ms = spans([{ name: 'a', startTime: 5, endTime: 10 }, { name: 'b', startTime: 2, endTime: 20 }, { name: 'c', startTime: 12, endTime: 15 }], 0, 2);
    expect(Object.fromEntries(ms)).toEqual({ b: 20, a: 10, c: 5 });
  });

  it('has a committed list of durations, in seconds, for test files', () => {
    const listed = Object.entries(listedDurations());
    expect(listed.length).toBeGreaterThan(100);
    for (const [path, secs] of listed) {
      expect(path, path).toMatch(/^test\/.+\.test\.ts$/);
      expect(secs, path).toBeGreaterThanOrEqual(0);
    }
  });
});
