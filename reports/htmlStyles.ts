/**
 * The stylesheet of the pack's HTML, inline in the page: no web fonts, no images, no request
 * of any kind. Scoped under `.pack` so the server page can embed the pack in its layout; print
 * rules repeat table headers across pages and keep a chart with its heading.
 */
export const PACK_CSS = `
.pack{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#1d3557;--good:#1a7f37;--warn:#9a6700;--bad:#cf222e;--panel:#eef2f7;
 color:var(--ink);font-family:Inter,"Segoe UI",system-ui,-apple-system,Roboto,Arial,sans-serif;line-height:1.45;max-width:1000px;margin:0 auto}
.pack .cover{background:var(--accent);color:#fff;padding:2.2rem 2rem 1.6rem;border-radius:6px}
.pack .cover .practice{color:#c9d6e8;font-weight:600;margin:0}.pack .cover h1{font-size:2.4rem;margin:.2rem 0 0;color:#fff}
.pack .cover .month{font-size:1.5rem;margin:.1rem 0 0}
.pack .confidential{display:inline-block;border:2px solid var(--bad);color:var(--bad);font-weight:700;padding:.15rem .6rem;letter-spacing:.04em;margin-right:.6rem}
.pack .status{font-weight:600}.pack .status.draft{color:var(--bad)}.pack .status.approved{color:var(--good)}
.pack .muted,.pack .subtitle{color:var(--muted)}.pack h2{color:var(--accent);font-size:1.5rem;margin:2.2rem 0 .2rem;border-top:1px solid var(--line);padding-top:1rem}
.pack h3{font-size:1.1rem;margin:1.4rem 0 .3rem}.pack h4{font-size:.95rem;margin:1rem 0 .2rem}
.pack table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.85rem}.pack caption{text-align:left;font-weight:600;padding:.2rem 0}
.pack th,.pack td{padding:.25rem .55rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
.pack thead th{background:var(--panel);color:var(--muted);font-weight:600}.pack tbody tr:nth-child(even){background:#f5f7f9}
.pack .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pack .st-good,.pack .ch-good{color:var(--good)}.pack .ch-bad{color:var(--bad)}.pack ul.drivers,.pack ul.anomalies{margin:.2rem 0 1rem;padding-left:1.2rem}
.pack .st-good{color:var(--good)}.pack .st-warn{color:var(--warn)}.pack .st-bad{color:var(--bad)}.pack [class^="st-"]{white-space:nowrap}
.pack .suppressed{color:var(--muted);font-style:italic}
.pack .commentary{background:var(--panel);border-left:4px solid var(--accent);padding:.5rem .9rem;white-space:pre-wrap;margin:.3rem 0 1rem}
.pack .none{color:var(--muted);font-style:italic}.pack figure{margin:.4rem 0}.pack figure svg{max-width:100%;height:auto}
.pack .chart-narrow{display:none}@media (max-width:59.99rem){.pack .chart-wide{display:none}.pack .chart-narrow{display:block}}
.pack .spark svg{width:96px;height:24px}.pack .note{font-size:.8rem;color:var(--muted);font-style:italic}
.pack .table-scroll{max-width:100%;overflow-x:auto;margin:.4rem 0 1rem}.pack .table-scroll tr>:first-child{white-space:nowrap}.pack .table-scroll>table{margin:0}.pack .table-scroll:focus{outline:3px solid #0969da;outline-offset:2px}
.pack .restatement{border-left:4px solid var(--warn);padding-left:.6rem;margin:.2rem 0}
.pack dl.def{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;font-size:.8rem;color:var(--muted);margin:.2rem 0 .8rem}
.pack dl.def dd{margin:0}.pack footer{margin-top:2rem;border-top:1px solid var(--line);padding-top:.5rem;font-size:.8rem;color:var(--muted)}
@media (max-width:40rem){.pack .cover{padding:1.2rem 1rem 1rem}.pack .cover h1{font-size:1.8rem}.pack h2{font-size:1.25rem}.pack .confidential{display:block;width:max-content;margin-bottom:.3rem}}
@media print{@page{margin:16mm}.pack .chart-narrow{display:none}.pack .chart-wide{display:block}.pack{max-width:none}.pack .table-scroll{overflow:visible}.pack thead{display:table-header-group}.pack tr,.pack figure{break-inside:avoid}
 .pack h2{break-before:page}.pack h3{break-after:avoid}.pack .cover{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
