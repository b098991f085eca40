/**
 * Minimal HTML helpers for server-rendered pages: escaping, a page layout and tables that
 * right-align numbers.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · PracticeBoard</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24}
header{background:#1d3557;color:#fff;padding:.6rem 1.2rem}header a{color:#fff;margin-right:1rem}
main{padding:1rem 1.2rem;max-width:1200px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
</style></head>
<body><header><strong>PracticeBoard</strong> &nbsp; <a href="/etl">ETL status</a></header>
<main>${body}</main></body></html>`;
}

export function htmlTable(head: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], numericCols: readonly number[] = []): string {
  const num = new Set(numericCols);
  const cell = (tag: string, v: unknown, i: number) => `<${tag}${num.has(i) ? ' class="num"' : ''}>${escapeHtml(v === null || v === undefined ? '' : String(v))}</${tag}>`;
  return `<table><thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
