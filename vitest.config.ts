import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/helpers/sequencer.ts';

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
    // Two test files at once even on a 2-core machine (vitest's default there is one): most
    // files wait on child processes, a browser, sockets or password hashing rather than compute.
    // Every test has its own temporary folder and loopback port; the run's demo cache is locked.
    maxWorkers: 2,
    // Each worker process runs its files one after another without re-importing the product's
    // modules (DuckDB's binding, Plot, PDFKit) for every file: a third less CPU for the suite.
    // Safe because nothing is shared through module state: every test opens its own warehouse,
    // app, clock and folder (the audit key is set by whoever opens a data folder).
    isolate: false,
    env: { TZ: 'UTC', PRACTICEBOARD_LOG_LEVEL: 'silent' },
  },
});
