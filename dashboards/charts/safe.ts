/**
 * A chart that cannot be drawn never takes its page down: `drawSafely` returns the chart, or,
 * when drawing throws, a small SVG saying "This chart could not be drawn; its table is below"
 * and reports the error to `report` (the caller logs it with core/errors.ts describeError). The
 * section keeps its table and its data download, and every other section is drawn as usual.
 *
 * Example: drawSafely({ id: 'mix-location', title: 'Gross charges by location' }, () => barChart(opts), report)
 */
import { noDataChart } from './render.ts';

export const CHART_FAILED = 'This chart could not be drawn; its table is below';

/** Where a chart's failure goes: the chart id and the error (never shown to the user). */
export type ChartErrorReporter = (chartId: string, error: unknown) => void;

export function drawSafely(frame: { readonly id: string; readonly title: string }, draw: () => string, report: ChartErrorReporter): string {
  try {
    return draw();
  } catch (error) {
    report(frame.id, error);
    return noDataChart({ id: frame.id, title: frame.title, description: '', width: 640, height: 120 }, CHART_FAILED);
  }
}
