import { defineConfig } from 'vitest/config';

// Tests run in a fixed time zone with no network beyond loopback.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: 'UTC', PRACTICEBOARD_LOG_LEVEL: 'silent' },
  },
});
