import { defineConfig } from 'vitest/config';
import LongestFirstSequencer, { TEST_WORKERS } from './test/helpers/sequencer.ts';

// Tests run in a fixed time zone with no network beyond loopback.
process.env.TZ = 'UTC';
// DuckDB's own allocator (jemalloc, linked into its library, read from this variable when the
// library loads; the workers and every process a test starts inherit it) keeps the memory its
// queries free instead of handing it back to the system after a second: each test's short
// queries then reuse warm pages rather than fault in fresh ones (every grouped query zeroes a
// new hash table). The product's own processes keep DuckDB's default, which bounds a large
// load's memory. Measured on whole runs (2026-12-02, docs/benchmarks.md): 9.7 million page
// faults against 11.4 million; the time saved is within the machine's spread.
process.env.DUCKDB_JE_MALLOC_CONF ??= 'dirty_decay_ms:-1,muzzy_decay_ms:-1';

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
    // Two test files at once on this 2-core machine. Measured on the same main (2026-12-01, each
    // a whole `vitest run` on a fresh clone): three workers took 1,106 s of CPU in 620 s, two
    // took 990 s in 585 s. The third worker's files waited on children, browsers and sockets
    // less than they cost in contention (DuckDB's idle threads spin before they sleep, and each
    // worker imports the product's modules once). Every test has its own temporary folder and
    // loopback port; the run's demo cache is locked.
    maxWorkers: TEST_WORKERS,
    // Each worker process runs its files one after another without re-importing the product's
    // modules (DuckDB's binding, Plot, PDFKit) for every file: a third less CPU for the suite.
    // Safe because nothing is shared through module state: every test opens its own warehouse,
    // app, clock and folder (the audit key is set by whoever opens a data folder).
    isolate: false,
    env: { TZ: 'UTC', PRACTICEBOARD_LOG_LEVEL: 'silent' },
  },
});
