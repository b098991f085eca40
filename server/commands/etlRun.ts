/**
 * `practiceboard etl run [files...]`: load files already put in their source's inbox folder,
 * or scan the whole inbox. The command line and the server's loopback API both call `runEtl`;
 * every load is audited by the loader's own hook (one `etl.run` entry per file, context.ts), and
 * a load that changed something is followed by the restatement step (server/restatementStep.ts).
 */
import type { LoadReport } from '../../etl/load/report.ts';
import type { LoaderDeps } from '../../etl/load/loadFile.ts';
import type { InboxSource } from '../../etl/inbox.ts';
import type { Context } from '../context.ts';
import { detectIfChanged } from '../restatementStep.ts';

export interface InboxFile {
  readonly source: InboxSource;
  /** The file's name in the source's inbox folder. */
  readonly name: string;
  readonly profileId?: string;
}

export type EtlRunRequest = { readonly scan: true; readonly sources?: readonly InboxSource[] } | { readonly files: readonly InboxFile[] };

export interface EtlRunHooks {
  /** A progress listener for one file (the command line's bar); called before its load. */
  readonly progressOf?: (file: InboxFile) => { onProgress: NonNullable<LoaderDeps['onProgress']>; done(): void };
  /** Told of each file a scan leaves for later because it is still being written. */
  readonly onUnsettled?: (source: InboxSource, name: string) => void;
  /** The clock of the restatement step run after a load that changed something. Default: the system clock. */
  readonly now?: () => Date;
}

export async function runEtl(ctx: Context, req: EtlRunRequest, hooks: EtlRunHooks = {}): Promise<LoadReport[]> {
  const reports = await loadRequested(ctx, req, hooks);
  // In-process or handed to the server: approved packs the load restates are recorded now.
  await detectIfChanged(ctx, hooks.now ?? (() => new Date()), reports);
  return reports;
}

async function loadRequested(ctx: Context, req: EtlRunRequest, hooks: EtlRunHooks): Promise<LoadReport[]> {
  // A scan loads only settled files: one still being written waits for a later scan.
  if ('scan' in req) return ctx.etl.scan({ ...(hooks.onUnsettled ? { onUnsettled: hooks.onUnsettled } : {}), ...(req.sources ? { sources: [...req.sources] } : {}) });
  const out: LoadReport[] = [];
  for (const f of req.files) {
    const progress = hooks.progressOf?.(f);
    out.push(await ctx.etl.loadInboxFile(f.source, f.name, { ...(f.profileId ? { profileId: f.profileId } : {}), ...(progress ? { onProgress: progress.onProgress } : {}) }));
    progress?.done();
  }
  return out;
}
