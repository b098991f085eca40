/**
 * Draft commentary written from a story's bridges and anomalies: plain sentences, the same
 * words for the same data, and every figure copied from the bridge as presented (its change,
 * values, drivers and effects), never computed here. By pack section: the overview gets one
 * line per headline and the anomalies; each area gets its measures' drivers and effects.
 */
import type { Bridge, BridgeDriver, PackStory } from './types.ts';
import { bridgeMeasure } from './measures.ts';
import { percentText } from './text.ts';

const TOP = 3;

const verb = (b: Bridge) => ((b.change?.value ?? 0) > 0 ? 'rose' : (b.change?.value ?? 0) < 0 ? 'fell' : 'was unchanged');
/** The verb says the direction: '+$440' reads '$440' after 'rose'. */
export const unsigned = (text: string): string => text.replace(/^[+-]/, '');
const isRate = (b: Bridge) => b.unit === 'pct' || b.unit === 'days';

const driverList = (ds: readonly BridgeDriver[]) => ds.map((d) => `${d.label} ${d.change.text}`).join(', ');

/** 'Gross charges rose 147% on August 2026, +$440, to $740.' / 'Net collection rate fell 29.4 pts on August 2026, from 77.8% to 48.4%.' */
function headline(b: Bridge): string {
  if (!b.change || !b.current || !b.base) return `${b.label}: no comparison with ${b.comparisonLabel} (${b.note ?? 'no data'}).`;
  if (b.change.value === 0) return `${b.label} was unchanged on ${b.comparisonLabel}, at ${b.current.text}.`;
  if (isRate(b)) return `${b.label} ${verb(b)} ${unsigned(b.change.text)} on ${b.comparisonLabel}, from ${b.base.text} to ${b.current.text}.`;
  const pct = b.changePct === null ? '' : ` ${unsigned(percentText(b.changePct))}`;
  return `${b.label} ${verb(b)}${pct} on ${b.comparisonLabel}, ${b.change.text}, to ${b.current.text}.`;
}

function detail(b: Bridge): string[] {
  if (!b.change || b.change.value === 0) return [headline(b)];
  const top = b.top.slice(0, TOP);
  const out = [top.length ? `${headline(b).slice(0, -1)}: ${driverList(top)}.` : headline(b)];
  if (b.effects?.length) out.push(`By effect: ${b.effects.map((e) => `${e.label} ${e.change.text}`).join(', ')} (${b.effects[0]!.formula}).`);
  const withheld = b.byDimension.some((d) => d.drivers.some((x) => x.suppressed));
  if (withheld) out.push('Segments with small counts are pooled as "Other" (CMS cell-size rule).');
  return out;
}

export function draftCommentary(story: Pick<PackStory, 'bridges' | 'anomalies'>): Record<string, string[]> {
  const draft: Record<string, string[]> = { overview: story.bridges.map(headline) };
  for (const a of story.anomalies) draft.overview!.push(`Worth a look: ${a.message}`);
  for (const b of story.bridges) {
    const section = bridgeMeasure(b.metricId)?.section ?? 'overview';
    (draft[section] ??= []).push(...detail(b));
  }
  return draft;
}
