/// <reference lib="dom" />
/**
 * axe-core's serious and critical violations on a page (the only impacts the browser suites
 * assert on), as the user gets the page: axe is evaluated through the DevTools protocol, which
 * the page's CSP does not govern, where a script tag would be refused (the app's CSP rightly
 * refuses inline scripts), so no suite needs to bypass the CSP to run it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  /** Each failing node's target (its selector path), as JSON. */
  readonly targets: readonly string[];
}

interface AxeInPage {
  run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
}

export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => (window as unknown as { axe: AxeInPage }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
}
