import { describe, expect, it } from 'vitest';
import { rollupFailure } from '../../dashboards/rollups/steps.ts';

// What a load reports when a rollup step fails: the step, DuckDB's reason, never its raw text.
describe('rollupFailure', () => {
  it('names the memory setting when DuckDB runs out of memory, without DuckDB raw text', () => {
    const err = new Error("Out of Memory Error: failed to allocate data of size 16.0 MiB (182.8 MiB/190.7 MiB used)\n\nPossible solutions:\n* Reducing the number of threads (SET threads=X)\nP0013769");
    const e = rollupFailure({ file: 'claim.sql' }, err);
    expect(e.code).toBe('ROLLUP_FAILED');
    expect(e.message).toMatch(/^rebuilding claim\.sql: Out of Memory Error/);
    expect(e.message).toContain('raise etl.memoryLimit');
    expect(e.message).not.toContain('P0013769');
    expect(e.message).not.toContain('SET threads');
  });

  it('gives no memory advice for other failures', () => {
    const e = rollupFailure({ file: 'flow_month.sql' }, new Error('Binder Error: column "x" not found'));
    expect(e.message).toBe('rebuilding flow_month.sql: Binder Error');
  });
});
