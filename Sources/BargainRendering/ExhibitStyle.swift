/// The one stylesheet of an HTML exhibit, inline so the file works offline: readable on a phone
/// (fluid width, wide tables scroll within their box), and clean on paper (no shading, a table
/// or chart kept on one page where it fits, links and prompts out of the way).
enum ExhibitStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: #1b1b1b; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 68rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
        h1 { font-size: 1.7rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
        h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
        h3 small { font-weight: normal; color: #555; }
        code, pre, .input { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9rem; }
        pre { margin: 0.4rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 1rem; }
        dl.meta dt { font-weight: 600; color: #444; }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        .flag { border-left: 4px solid #b3412e; background: #fbefec; padding: 0.5rem 0.75rem; margin: 0.75rem 0; }
        .flag p { margin: 0.2rem 0; }
        .flag strong { color: #8a2a1c; }
        p.note { margin: 1.25rem 0 0.5rem; font-size: 1.05rem; }
        .cell { margin: 0.75rem 0 1.25rem; }
        .cell .input { display: flex; gap: 0.5rem; background: #f3f5f8; border-radius: 4px; padding: 0.35rem 0.6rem; }
        .cell .input pre { margin: 0; flex: 1; }
        .cell .prompt { color: #5a6b80; user-select: none; white-space: nowrap; }
        .result { padding: 0.3rem 0.6rem 0; }
        .result p { margin: 0.25rem 0; }
        .value .name { font-family: ui-monospace, Menlo, Consolas, monospace; }
        .value .number { font-weight: 600; }
        pre.error { color: #8a2a1c; background: #fbefec; padding: 0.4rem 0.6rem; border-radius: 4px; }
        pre.output, pre.tree { background: #fafafa; padding: 0.4rem 0.6rem; border-radius: 4px; }
        .drift { border-left: 4px solid #c47f00; background: #fff6e0; padding: 0.4rem 0.75rem; margin: 0.5rem 0; }
        .drift pre { color: #5b4a20; }
        .table-box { overflow-x: auto; margin: 0.5rem 0; break-inside: avoid; }
        table { border-collapse: collapse; font-size: 0.92rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 0.2rem 0; caption-side: top; }
        th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
        thead th { border-bottom: 2px solid #999; text-align: left; vertical-align: bottom; }
        th .unit { display: block; font-weight: normal; color: #555; font-size: 0.85em; }
        tbody th { text-align: left; font-weight: normal; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88rem; }
        .num { text-align: right; white-space: nowrap; }
        thead th.num { text-align: right; }
        .basis { font-weight: 700; text-align: center; }
        td.source { min-width: 14rem; }
        .table-notes { margin: 0.2rem 0 0.5rem; padding: 0; list-style: none; color: #444; font-size: 0.9rem; }
        figure.chart { margin: 0.75rem 0; break-inside: avoid; }
        figure.chart svg { display: block; width: 100%; max-width: 42rem; height: auto; }
        .legend { font-size: 0.85rem; color: #444; }
        footer { margin-top: 3rem; color: #555; font-size: 0.85rem; border-top: 1px solid #ccc; padding-top: 0.5rem; }
        @media (max-width: 40rem) {
          body { font-size: 15px; }
          main { padding: 0.6rem; }
          dl.meta { grid-template-columns: 1fr; }
          dl.meta dd { margin-bottom: 0.3rem; }
          th, td { padding: 0.2rem 0.4rem; }
        }
        @media print {
          @page { margin: 16mm 14mm; }
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          .cell .input, pre.output, pre.tree { background: none; border: 1px solid #ccc; }
          .table-box { overflow: visible; }
          table { font-size: 8.5pt; }
          th, td { padding: 0.1rem 0.3rem; }
          table, figure.chart, tr, pre { break-inside: avoid; page-break-inside: avoid; }
          .cell .input, caption, p.note { break-after: avoid; page-break-after: avoid; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          thead { display: table-header-group; }
        }
        """
}
