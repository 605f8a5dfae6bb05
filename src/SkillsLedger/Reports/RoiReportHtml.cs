using SkillsLedger.Presentation;

namespace SkillsLedger.Reports;

/// <summary>
/// The report as one self-contained HTML page for an executive, in English or Dutch: the Razor component
/// <see cref="RoiReportPage"/> (and the sections it is made of), rendered to a string. The pieces the dashboard shows too
/// (ROI table, retention section, charts with their tables, a share with n and interval, assumptions) are the shared
/// components of <c>SkillsLedger.Presentation</c>.
/// </summary>
public static class RoiReportHtml
{
    /// <summary>The encoder the page is written with: markup characters escaped, non-ASCII text (−, –, ×, accents) left as UTF-8.</summary>
    public static System.Text.Encodings.Web.HtmlEncoder Encoder => HtmlRendering.Encoder;

    /// <summary>The page; <paramref name="language"/> is <see cref="ReportFormat.English"/> (default) or <see cref="ReportFormat.Dutch"/>,
    /// whose charts must come from <see cref="ReportCharts.Render"/> in the same language.</summary>
    public static Task<string> RenderAsync(RoiReport report, ReportFormat? language = null) =>
        HtmlRendering.RenderAsync<RoiReportPage>(new Dictionary<string, object?>
        {
            [nameof(RoiReportPage.Report)] = report,
            [nameof(RoiReportPage.F)] = language ?? ReportFormat.English,
        });

    /// <summary>The page's stylesheet, inlined in its &lt;style&gt; (a file that needs nothing else).</summary>
    public const string Css = """

        :root { --ink: #1a1a1a; --muted: #5a5a5a; --line: #d9d9d9; --soft: #f5f6f8; --good: #0b6e4f; --mixed: #8a5a00; --bad: #a12a16; }
        * { box-sizing: border-box; }
        html { font-size: 16px; }
        body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
               font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif;
               font-variant-numeric: tabular-nums; }
        main { max-width: 1120px; margin: 0 auto; padding: 32px 40px 48px; }
        header { border-bottom: 3px solid var(--ink); margin-bottom: 28px; padding-bottom: 12px; }
        .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--muted); margin: 0; }
        h1 { font-size: 2rem; line-height: 1.2; margin: .2em 0 .2em; }
        h2 { font-size: 1.45rem; margin: 2.2em 0 .6em; padding-bottom: .2em; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.1rem; margin: 1.4em 0 .5em; }
        .meta { color: var(--muted); margin: 0; }
        .lede { font-size: 1.05rem; max-width: 60em; }
        section#headline h2 { margin-top: 0; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 18px; margin: 18px 0; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px 12px; background: var(--soft); break-inside: avoid; }
        .card h3 { margin: 0 0 .3em; font-size: 1.2rem; }
        .verdict { margin: 0 0 .8em; font-size: .95rem; font-weight: 600; }
        .verdict.good { color: var(--good); } .verdict.mixed { color: var(--mixed); } .verdict.bad { color: var(--bad); }
        .kpis { display: flex; gap: 28px; margin-bottom: .6em; }
        .kpi { display: flex; flex-direction: column; }
        .kpi .value { font-size: 2rem; font-weight: 700; line-height: 1.1; white-space: nowrap; }
        .kpi .label { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .costs { margin: .6em 0 0; color: var(--muted); font-size: .92rem; }
        .figure { font-size: 2rem; font-weight: 700; line-height: 1.1; margin: .2em 0; }
        .detail, .method { color: var(--muted); font-size: .9rem; }
        .scroll { overflow-x: auto; max-width: 100%; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        table.heatmap td { text-align: center; min-width: 4.5em; } table.heatmap td .n { display: block; font-size: .75rem; color: inherit; }
        .shade0 { background: #f7fbff; } .shade1 { background: #deebf7; } .shade2 { background: #9ecae1; } .shade3 { background: #2171b5; color: #fff; }
        .shade4 { background: #08306b; color: #fff; } .notrequired { background: #efefef; color: #555; } .suppressed { background: #595959; color: #fff; }
        ul.legend { list-style: none; padding: 0; } .swatch { display: inline-block; min-width: 3.5em; padding: 2px 6px; text-align: center; margin-right: 8px; }
        table { border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; font-size: .92rem; }
        th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
        thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
        tbody th { font-weight: 600; }
        .num { text-align: right; white-space: nowrap; }
        table.figures { margin: 0; background: #fff; }
        table.figures th, table.figures td { padding: 4px 8px; }
        table.figures tbody th { font-weight: 400; }
        figure { margin: 28px 0 12px; break-inside: avoid; }
        figure img { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
        figcaption { font-size: .9rem; color: var(--muted); margin-top: .5em; max-width: 70em; }
        figcaption strong { color: var(--ink); }
        .warning { border-left: 4px solid var(--bad); background: #fdf3f1; padding: 8px 16px; margin: 16px 0; }
        .warning h3 { margin-top: .3em; }
        .small { font-size: .88rem; color: var(--muted); }
        ul.plain li { margin-bottom: .4em; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .88em; }
        footer { margin-top: 3em; padding-top: 1em; border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
        @media print {
          @page { size: A4; margin: 14mm; }
          html { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          .card { background: #fff; }
          h2 { break-after: avoid; }
          section#evidence, section#methods { break-before: page; }
          tr, figure { break-inside: avoid; }
        }

        """;
}
