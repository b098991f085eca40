import { defineConfig } from 'vitest/config';
import LongestFirstSequencer, { TEST_WORKERS } from './test/helpers/sequencer.ts';

// Tests run in a fixed time zone with no network beyond loopback.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One loaded demo practice per run, copied into each test that opens one (test/helpers/demoCache.ts).
    // It also builds the demo ahead, in a child process, while the workers run their first files.
    globalSetup: ['test/globalSetup.ts'],
    // Longest files first (a committed list of measured durations), each worker's first file one
    // that needs no demo: test/helpers/sequencer.ts.
    sequence: { sequencer: LongestFirstSequencer },
    // Generous: the machine may be busy. Tests assert behaviour; speed belongs in bench/.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Three test files at once on a 2-core machine (vitest's default there is one): most files
    // wait on child processes, a browser, sockets, the disk or timers part of the time: with two
    // workers, `npm test` used 713 s of CPU in 659 s of wall time (2026-12-01, load average 3 to
    // 9), about 1.1 of the 2 cores. Every test has its own temporary folder and loopback port;
    // the run's demo cache is locked.
    maxWorkers: TEST_WORKERS,
    // Each worker process runs its files one after another without re-importing the product's
    // modules (DuckDB's binding, Plot, PDFKit) for every file: a third less CPU for the suite.
    // Safe because nothing is shared through module state: every test opens its own warehouse,
    // app, clock and folder (the audit key is set by whoever opens a data folder).
    isolate: false,
    env: { TZ: 'UTC', PRACTICEBOARD_LOG_LEVEL: 'silent' },
  },
});
