/** The environment variable naming the run's cache folder, set by test/globalSetup.ts. */
export const CACHE_ENV = 'PRACTICEBOARD_TEST_DEMO_CACHE';
