/**
 * Who runs a command and how: from the command line on a warehouse it opened itself, or through
 * the server's loopback API when the server holds the warehouse. Both paths call the same
 * command function, which writes one audit entry through the context's pool with the clock
 * given here, so the two paths leave the same trail (only `via` differs).
 * Example: `{ via: 'server', now: () => new Date() }`.
 */
import { audit, type AuditAction, type DetailValue } from '../audit/index.ts';
import type { Context } from '../context.ts';

export interface Invocation {
  readonly via: 'command line' | 'server';
  readonly now: () => Date;
}

/** The audit actor of command-line work (the person at the server's terminal). */
export const CLI_ACTOR = 'cli';

export const commandLine = (now: () => Date = () => new Date()): Invocation => ({ via: 'command line', now });

export async function recordCommand(ctx: Context, inv: Invocation, action: AuditAction, target: string, details: Readonly<Record<string, DetailValue>> = {}): Promise<void> {
  await ctx.pool.use((c) => audit(c, { actor: CLI_ACTOR, action, target, details: { ...details, via: inv.via }, at: inv.now() }));
}
