/**
 * A JobStore in memory, for scheduler tests under fake timers (DuckDB's calls complete on
 * libuv's threads, outside the fake clock). Same contract as DuckDbJobStore; the DuckDB store
 * has its own test against this behaviour.
 */
import type { AttemptRecord, JobRun, JobStore, RunEnd, Trigger } from '../../server/jobs/store.ts';

export class MemoryJobStore implements JobStore {
  readonly runs: JobRun[] = [];
  readonly attemptRows: AttemptRecord[] = [];
  #n = 0;

  /** Seed a finished run, as a previous process would have left it. */
  seed(run: Partial<JobRun> & { jobId: string; trigger: Trigger; startedAt: Date }): void {
    this.runs.push({ runId: `seed-${++this.#n}`, scheduledFor: null, endedAt: run.startedAt, status: 'succeeded', attempts: 1, errorCode: null, errorMessage: null, ...run });
  }

  async markInterrupted(at: Date): Promise<number> {
    let n = 0;
    this.runs.forEach((r, i) => {
      if (r.status === 'running') {
        this.runs[i] = { ...r, status: 'interrupted', endedAt: at };
        n += 1;
      }
    });
    return n;
  }

  async lastScheduledFor(jobId: string): Promise<Date | null> {
    const slots = this.runs.filter((r) => r.jobId === jobId && r.trigger !== 'manual' && r.scheduledFor).map((r) => r.scheduledFor!.getTime());
    return slots.length ? new Date(Math.max(...slots)) : null;
  }

  async startRun(run: { jobId: string; trigger: Trigger; scheduledFor: Date | null; startedAt: Date }): Promise<string> {
    const runId = `run-${++this.#n}`;
    this.runs.push({ runId, ...run, endedAt: null, status: 'running', attempts: 0, errorCode: null, errorMessage: null });
    return runId;
  }

  async recordAttempt(a: AttemptRecord): Promise<void> {
    this.attemptRows.push(a);
    const i = this.runs.findIndex((r) => r.runId === a.runId);
    this.runs[i] = { ...this.runs[i]!, attempts: a.attempt };
  }

  async finishRun(runId: string, end: RunEnd): Promise<void> {
    const i = this.runs.findIndex((r) => r.runId === runId);
    this.runs[i] = { ...this.runs[i]!, ...end };
  }

  async lastRuns(): Promise<Map<string, JobRun>> {
    const out = new Map<string, JobRun>();
    for (const r of this.runs) {
      const cur = out.get(r.jobId);
      if (!cur || r.startedAt >= cur.startedAt) out.set(r.jobId, r);
    }
    return out;
  }

  async recentRuns(limit: number): Promise<JobRun[]> {
    return [...this.runs].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, limit);
  }

  async attempts(runId: string): Promise<AttemptRecord[]> {
    return this.attemptRows.filter((a) => a.runId === runId);
  }
}
