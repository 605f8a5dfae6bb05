using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using SkillsLedger.Analytics.Roi;
using F = SkillsLedger.Reports.ReportFormat;

namespace SkillsLedger.Reports;

/// <summary>
/// The report as one self-contained HTML page for an executive: headline figures first, then the evidence (charts
/// inlined as PNG data: URIs), methods in plain words, the assumptions with the events that set them, and caveats.
/// No external CSS, scripts, fonts or images; every piece of text goes through <see cref="Encoder"/>.
/// </summary>
public static class RoiReportHtml
{
    /// <summary>HTML encoder that escapes markup characters but leaves non-ASCII text (−, –, ×, accents) as UTF-8.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string? text) => Encoder.Encode(text ?? "");

    public static string Render(RoiReport report)
    {
        var h = new StringBuilder(2_000_000);
        var title = $"Learning programme ROI — {report.Organisation}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        h.Append("<header>\n<p class=\"kicker\">SkillsLedger · executive report</p>\n<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p class=\"meta\">Data as of <time datetime=\"").Append(E(report.AsOf.ToString("O"))).Append("\">").Append(E(F.AsOfText(report.AsOf))).Append("</time>")
            .Append(report.ProgramId is { } pid ? $" · programme {E(pid)}" : $" · {E(F.Count(report.Programmes.Count + report.NotComputed.Count))} programmes")
            .Append(" · generated ").Append(E(report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)))
            .Append("</p>\n</header>\n");

        Headline(h, report);
        Evidence(h, report);
        Strategy(h, report);
        Effectiveness(h, report);
        Methods(h, report);
        Assumptions(h, report);
        Caveats(h, report);

        h.Append("<footer>Every figure on this page is in <code>roi.json</code> next to this file; the charts are also saved as PNG and SVG. ")
            .Append("Source: the SkillsLedger analytics read model of organisation <code>").Append(E(report.Organisation)).Append("</code>.</footer>\n");
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    // ---------------------------------------------------------------- headline

    private static void Headline(StringBuilder h, RoiReport report)
    {
        h.Append("<section id=\"headline\">\n<h2>Headline: what each programme returns</h2>\n");
        h.Append("<p class=\"lede\">Return on investment compares each programme's full cost (spend plus learners' time) with the value of the ")
            .Append("first year of better performance and fewer leavers among its learners. <strong>Expected</strong> uses the best estimates; ")
            .Append("<strong>conservative</strong> takes every benefit at the low end of its 95 % confidence interval.</p>\n");
        if (report.Programmes.Count == 0)
            h.Append("<p class=\"warning\">No programme's ROI could be computed from the ledger as it stands (see below).</p>\n");

        h.Append("<div class=\"cards\">\n");
        foreach (var p in report.Programmes) Card(h, p);
        h.Append("</div>\n");

        if (report.NotComputed.Count > 0)
        {
            h.Append("<div class=\"warning\"><h3>Not computed</h3><ul>\n");
            foreach (var f in report.NotComputed)
                h.Append("<li><strong>").Append(E(f.ProgramId)).Append("</strong>: ").Append(E(f.Reason)).Append("</li>\n");
            h.Append("</ul></div>\n");
        }
        h.Append("</section>\n");
    }

    private static void Card(StringBuilder h, RoiResult p)
    {
        var cur = p.Costs.Currency;
        h.Append("<article class=\"card\">\n<h3>").Append(E(p.ProgramId)).Append("</h3>\n")
            .Append("<p class=\"verdict ").Append(VerdictClass(p)).Append("\">").Append(E(Verdict(p))).Append("</p>\n")
            .Append("<div class=\"kpis\">")
            .Append(Kpi(F.Percent(p.Expected.RoiPercent), "ROI, expected"))
            .Append(Kpi(F.Percent(p.Conservative.RoiPercent), "ROI, conservative"))
            .Append("</div>\n");
        h.Append("<table class=\"figures\">\n<thead><tr><th></th><th class=\"num\">Expected</th><th class=\"num\">Conservative</th></tr></thead>\n<tbody>\n");
        Row(h, "Benefits, first year", F.Money(p.Expected.Benefits, cur), F.Money(p.Conservative.Benefits, cur));
        Row(h, $"Benefit–cost ratio ({cur} per {cur} 1 spent)", F.Ratio(p.Expected.BenefitCostRatio), F.Ratio(p.Conservative.BenefitCostRatio));
        Row(h, "Payback", F.Months(p.Expected.PaybackMonths), F.Months(p.Conservative.PaybackMonths));
        h.Append("</tbody>\n</table>\n");
        h.Append("<p class=\"costs\">Costs ").Append(E(F.Money(p.Costs.Total, cur)))
            .Append(" · n = ").Append(E(F.Learners(p.Learners))).Append("</p>\n</article>\n");
    }

    private static string Kpi(string value, string label) =>
        $"<div class=\"kpi\"><span class=\"value\">{E(value)}</span><span class=\"label\">{E(label)}</span></div>";

    private static void Row(StringBuilder h, string label, string expected, string conservative) =>
        h.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td class=\"num\">").Append(E(expected))
            .Append("</td><td class=\"num\">").Append(E(conservative)).Append("</td></tr>\n");

    private static string Verdict(RoiResult p) =>
        (p.Expected.RoiPercent, p.Conservative.RoiPercent) switch
        {
            ( >= 0, >= 0) => "Pays back even on the conservative estimate.",
            ( >= 0, _) => "Pays back on the best estimate, but not on the conservative one: a loss cannot be ruled out.",
            _ => "Does not pay back within the first year on these figures.",
        };

    private static string VerdictClass(RoiResult p) =>
        (p.Expected.RoiPercent, p.Conservative.RoiPercent) switch { ( >= 0, >= 0) => "good", ( >= 0, _) => "mixed", _ => "bad" };

    // ---------------------------------------------------------------- evidence

    private static void Evidence(StringBuilder h, RoiReport report)
    {
        h.Append("<section id=\"evidence\">\n<h2>Evidence</h2>\n");
        if (report.Programmes.Count > 0) BenefitTable(h, report);
        Figure(h, report.Chart(ReportCharts.Roi), 1);

        Figure(h, report.Chart(ReportCharts.Retention), 2);
        RetentionTable(h, report);

        Figure(h, report.Chart(ReportCharts.Growth), 3);
        GrowthTable(h, report);

        Figure(h, report.Chart(ReportCharts.Gaps), 4);
        h.Append("</section>\n");
    }

    private static void BenefitTable(StringBuilder h, RoiReport report)
    {
        h.Append("<h3>What the figures rest on</h3>\n<table class=\"data\">\n<thead><tr><th>Programme</th><th>Item</th><th>Estimate</th>")
            .Append("<th class=\"num\">Expected</th><th class=\"num\">Conservative</th></tr></thead>\n<tbody>\n");
        foreach (var p in report.Programmes)
        {
            var cur = p.Costs.Currency;
            var rows = new List<(string Item, string Estimate, string Expected, string Conservative)>
            {
                ("Costs",
                    $"Programme spend {F.Money(p.Costs.ProgramCosts, cur)} ({F.Count(p.Costs.CostEvents)} cost records) + " +
                    $"{F.Number(p.Costs.LearningHours)} learning hours × {F.Money(p.Costs.LoadedHourlyCost, cur)}/hour = {F.Money(p.Costs.TimeCost, cur)}",
                    F.Money(p.Costs.Total, cur), F.Money(p.Costs.Total, cur)),
            };
            foreach (var b in p.Performance)
            {
                if (b.Did is not { } d)
                {
                    rows.Add(($"Performance: {F.Metric(b.Metric)}",
                        $"suppressed: {F.Learners(b.Learners ?? 0)} vs {F.Count(b.ComparisonPeople ?? 0, "comparison person", "comparison people")} " +
                        $"(fewer than {RoiReportBuilder.MinGroupSize}); not counted", F.Money(0, cur), F.Money(0, cur)));
                    continue;
                }
                rows.Add(($"Performance: {F.Metric(b.Metric)}",
                    $"{F.Signed(d.Did, "N2")} {F.Metric(b.Metric)} per learner per month against the comparison group " +
                    $"({F.Interval(d.CiLow, d.CiHigh, v => F.Signed(v, "N2"))}); n = {F.Learners(d.Learners)} vs " +
                    $"{F.Count(d.ComparisonPeople, "comparison person", "comparison people")} ({F.Learners(d.UnmatchedLearners)} without data); " +
                    $"valued at {F.Money(b.ValuePerUnit, cur)} each",
                    F.Money(b.Expected, cur), F.Money(b.Conservative, cur)));
            }
            if (p.Retention is { } r)
                rows.Add(($"Retention within {RoiReportBuilder.HorizonMonths} months",
                    $"{F.Signed(100 * r.DeparturesAvoidedPerLearner, "N1")} percentage points more still employed " +
                    $"({F.Interval(r.CiLow * 100, r.CiHigh * 100, v => F.Signed(v, "N1"))}): {F.Share(r.SurvivalLearners)} of learners vs " +
                    $"{F.Share(r.SurvivalNone)} with no course; n = {F.Learners(r.Learners)} vs {F.Count(r.Comparison)}; " +
                    $"a leaver costs {F.Number(r.ReplacementCostMonths, "N1")} months × {F.Money(r.MeanMonthlySalary, cur)} mean monthly salary",
                    F.Money(r.Expected, cur), F.Money(r.Conservative, cur)));
            else
                rows.Add(("Retention", "not valued (too few people in a group at the landmark)", F.Money(0, cur), F.Money(0, cur)));

            for (int i = 0; i < rows.Count; i++)
            {
                h.Append("<tr>");
                if (i == 0) h.Append("<th scope=\"rowgroup\" rowspan=\"").Append(rows.Count).Append("\">").Append(E(p.ProgramId)).Append("</th>");
                h.Append("<td>").Append(E(rows[i].Item)).Append("</td><td>").Append(E(rows[i].Estimate)).Append("</td><td class=\"num\">")
                    .Append(E(rows[i].Expected)).Append("</td><td class=\"num\">").Append(E(rows[i].Conservative)).Append("</td></tr>\n");
            }
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static void Figure(StringBuilder h, ReportChart chart, int number)
    {
        h.Append("<figure id=\"fig-").Append(E(chart.Name)).Append("\">\n<img src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(chart.Png)).Append("\" width=\"").Append(chart.Width).Append("\" height=\"").Append(chart.Height)
            .Append("\" alt=\"").Append(E(chart.Title)).Append("\">\n<figcaption><strong>Figure ").Append(number).Append(". ")
            .Append(E(chart.Title)).Append(".</strong> ").Append(E(chart.Caption)).Append("</figcaption>\n</figure>\n");
    }

    private static void RetentionTable(StringBuilder h, RoiReport report)
    {
        var r = report.Retention;
        h.Append("<p>");
        if (r.HazardRatio is { Estimate: { } hr } ratio)
            h.Append(E($"People who completed any course in their first {r.LandmarkDays} days left at {F.Number(hr, "N2")} times the rate of those who completed none: " +
                       $"hazard ratio {F.Number(hr, "N2")} ({F.Interval(ratio.CiLow, ratio.CiHigh, v => F.Number(v, "N2"))}), {F.PValue(ratio.P)}, " +
                       $"n = {F.Count(ratio.Learners + ratio.NonLearners)} ({F.Learners(ratio.Learners)}, {F.Count(ratio.NonLearners)} none; Cox model). "));
        else if (r.HazardRatio is { } none)
            h.Append(E($"No hazard ratio: n = {F.Learners(none.Learners)} and {F.Count(none.NonLearners, "other", "others")}. "));
        if (r.LogRank is { } lr)
            h.Append(E($"Difference between the curves: log-rank χ² = {F.Number(lr.Chi2, "N2")}, df = {lr.Df}, {F.PValue(lr.P)}."));
        h.Append("</p>\n");

        h.Append("<table class=\"data\">\n<thead><tr><th>First programme before day ").Append(r.LandmarkDays).Append("</th><th class=\"num\">People (n)</th>")
            .Append("<th class=\"num\">Left</th><th class=\"num\">Still employed ").Append(r.HorizonMonths).Append(" months after the landmark</th></tr></thead>\n<tbody>\n");
        foreach (var g in r.Groups)
        {
            h.Append("<tr><th scope=\"row\">").Append(E(RoiReportBuilder.GroupLabel(g.Group, "no course"))).Append("</th><td class=\"num\">")
                .Append(E(F.Count(g.N))).Append("</td>");
            if (g.Suppressed)
                h.Append("<td class=\"num\" colspan=\"2\">").Append(E($"suppressed (fewer than {r.MinGroupSize} people)")).Append("</td>");
            else
                h.Append("<td class=\"num\">").Append(E(g.Departures is { } d ? F.Count(d) : F.NotAvailable)).Append("</td><td class=\"num\">")
                    .Append(E($"{F.Share(g.SurvivalAtHorizon)} ({F.Interval(g.CiLow, g.CiHigh, v => F.Share(v))})")).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        h.Append("<p class=\"small\">").Append(E($"{F.People(r.Followed)} followed; {F.Count(r.NotYetAtLandmark)} hired too recently to reach the landmark and " +
                                                $"{F.Count(r.LeftBeforeLandmark)} who left before it are not counted.")).Append("</p>\n");
    }

    private static void GrowthTable(StringBuilder h, RoiReport report)
    {
        h.Append("<table class=\"data\">\n<thead><tr><th>Programme</th><th class=\"num\">People (n)</th><th class=\"num\">Person-skills</th><th class=\"num\">Mean growth</th></tr></thead>\n<tbody>\n");
        foreach (var g in report.Growth.Groups)
            h.Append("<tr><th scope=\"row\">").Append(E(RoiReportBuilder.GroupLabel(g.Group, "no course"))).Append("</th><td class=\"num\">")
                .Append(E(F.Count(g.N))).Append("</td><td class=\"num\">").Append(E(F.Count(g.PersonSkills))).Append("</td><td class=\"num\">")
                .Append(E(g.MeanSlope is { } mean
                    ? $"{F.Signed(mean, "N2")} {(g.Unit == SkillsLedger.Growth.GrowthQuery.Unit ? "levels/year" : "of the scale/year")} ({F.Interval(g.CiLow, g.CiHigh, v => F.Signed(v, "N2"))})"
                    : $"suppressed: {g.People} people (fewer than {report.Growth.MinGroupSize})")).Append("</td></tr>\n");
        h.Append("</tbody>\n</table>\n");
    }

    // ---------------------------------------------------------------- strategy

    private static void Strategy(StringBuilder h, RoiReport report)
    {
        if (report.Strategy is not { } s) return;
        h.Append("<section id=\"strategy\">\n<h2>").Append(E(StrategyReportText.Heading)).Append("</h2>\n");
        if (s.Goals.Count == 0)
        {
            h.Append("<p>").Append(E(StrategyReportText.NoGoals)).Append("</p>\n</section>\n");
            return;
        }
        h.Append("<p>").Append(E(StrategyReportText.Intro)).Append("</p>\n<table>\n<thead><tr>");
        foreach (var c in new[] { StrategyReportText.ColumnGoal, StrategyReportText.ColumnStatus, StrategyReportText.ColumnTarget, StrategyReportText.ColumnSupply,
                     StrategyReportText.ColumnForecast, StrategyReportText.ColumnChance, StrategyReportText.ColumnLearning })
            h.Append("<th>").Append(E(c)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var g in s.Goals)
            foreach (var t in g.Targets)
            {
                var f = t.Forecast;
                h.Append("<tr><td>").Append(E(g.Name)).Append("</td><td>").Append(E(g.Status)).Append("</td><td>")
                    .Append(E($"{F.Count(t.Headcount)} people at {t.Skill} ≥ {t.Level} ({SkillsLedger.Strategy.StrategyText.Scope(t.Scope)}) by {f.DueDate:yyyy-MM-dd}"))
                    .Append("</td><td class=\"num\">").Append(E($"{F.Count(t.Supply)} of {F.People(t.InScope)}"))
                    .Append("</td><td class=\"num\">").Append(E($"{F.Count(f.Median)} ({F.Count(f.Interval80.Low)}–{F.Count(f.Interval80.High)}; {F.Count(f.Interval95.Low)}–{F.Count(f.Interval95.High)})"))
                    .Append("</td><td class=\"num\">").Append(E(F.Share(f.ProbabilityMeet)))
                    .Append("</td><td>").Append(E($"{string.Join(", ", g.Learning.Programmes.DefaultIfEmpty("none"))}: {F.Learners(g.Learning.Learners)}, {F.Number(g.Learning.Hours)} h, {F.Money(g.Learning.TotalCost, g.Learning.Currency)}"))
                    .Append("</td></tr>\n");
            }
        h.Append("</tbody>\n</table>\n");
        var l = s.Learning;
        h.Append("<p>").Append(E(StrategyReportText.LinkedShare(F.Share(l.LinkedHoursShare), F.Number(l.Hours), F.Share(l.LinkedCostShare), F.Money(l.TotalCost, l.Currency)))).Append("</p>\n");
        if (l.Unlinked.Count > 0)
            h.Append("<p>").Append(E(StrategyReportText.UnlinkedHeading)).Append(' ')
                .Append(E(string.Join("; ", l.Unlinked.Select(u => $"{u.ProgramId} {F.Money(u.TotalCost, l.Currency)}")))).Append("</p>\n");
        var number = 5; // after the four figures of the evidence section
        foreach (var chart in report.Charts.Where(c => c.Name.StartsWith(ReportCharts.StrategyPrefix, StringComparison.Ordinal)))
            Figure(h, chart, number++);
        h.Append("<p class=\"meta\">").Append(E(StrategyReportText.Method)).Append("</p>\n</section>\n");
    }

    // ---------------------------------------------------------------- readiness and effectiveness

    private static void Effectiveness(StringBuilder h, RoiReport report)
    {
        if (report.Readiness is { } r && r.Overall.Share is { } share)
            h.Append("<section id=\"readiness\">\n<h2>Who meets their role profile</h2>\n<p>")
                .Append(E($"{F.Share(share)} of {F.People(r.Overall.People)} whose role has a profile meet it on every required skill " +
                          $"(95 % interval {F.Share(r.Overall.CiLow ?? 0)}–{F.Share(r.Overall.CiHigh ?? 0)}; rule weighted-recency v1)."))
                .Append("</p>\n</section>\n");
        if (report.Effectiveness is not { } e) return;
        h.Append("<section id=\"effectiveness\">\n<h2>Which learning works</h2>\n");
        foreach (var chart in report.Charts.Where(c => c.Name == ReportCharts.Effectiveness))
            Figure(h, chart, report.Charts.ToList().IndexOf(chart) + 1);
        h.Append("<p class=\"meta\">").Append(E(e.Threats)).Append("</p>\n</section>\n");
    }

    // ---------------------------------------------------------------- methods, assumptions, caveats

    private static void Methods(StringBuilder h, RoiReport report)
    {
        h.Append("<section id=\"methods\">\n<h2>How the figures are worked out</h2>\n<ul class=\"plain\">\n");
        foreach (var line in new[]
                 {
                     "Costs: everything recorded against the programme up to the report date (licences, facilitation, venues) plus the hours learners spent " +
                     "in its courses, priced at the loaded hourly cost.",
                     "Performance benefit: for each learner, the average of their monthly output in the 90 days after their first course minus the 90 days before. " +
                     "The same change is measured over the same dates for colleagues in the same role who took no course of the programme, and subtracted " +
                     "(difference in differences). The result, per learner per month, is multiplied by 12 months, the value of one unit of output and the number of learners.",
                     $"Retention benefit: people still employed {report.Retention.LandmarkDays} days after hire are grouped by what they completed by then and followed " +
                     $"until they leave. The share still employed {report.Retention.HorizonMonths} months later (Kaplan–Meier) is compared between the programme's " +
                     "learners and people with no course; the difference, times the learners, times the cost of replacing a leaver, is the benefit.",
                     "Scenarios: expected uses the best estimates; conservative uses the lower end of each 95 % confidence interval and never counts a negative benefit.",
                     "ROI % = (benefits − costs) ÷ costs × 100. Benefit–cost ratio = benefits ÷ costs. Payback = costs ÷ monthly benefit.",
                     "Growth: for each person and skill, the straight-line trend of their assessed level over time, in levels per year, averaged per programme.",
                     "Skill gaps: each current employee's derived level against their role's target, averaged per team and skill.",
                 })
            h.Append("<li>").Append(E(line)).Append("</li>\n");
        h.Append("</ul>\n<p class=\"small\">The full statistical method, with formulas and references, is in <code>docs/methods.md</code>. ")
            .Append("Exact wording used by the calculation: ").Append(E(report.RoiMethod)).Append("</p>\n</section>\n");
    }

    private static void Assumptions(StringBuilder h, RoiReport report)
    {
        h.Append("<section id=\"assumptions\">\n<h2>Assumptions</h2>\n<p>Monetary values recorded on the ledger (<code>roi_assumption_set</code> events); ")
            .Append("the event id lets an auditor find who set each one and when.</p>\n")
            .Append("<table class=\"data\">\n<thead><tr><th>Assumption</th><th class=\"num\">Value</th><th>Unit</th><th>Note</th><th>Event id</th></tr></thead>\n<tbody>\n");
        foreach (var a in report.Assumptions)
            h.Append("<tr><th scope=\"row\"><code>").Append(E(a.Name)).Append("</code></th><td class=\"num\">").Append(E(F.Number(a.Value, "#,##0.##")))
                .Append("</td><td>").Append(E(a.Unit ?? "—")).Append("</td><td>").Append(E(a.Note ?? "")).Append("</td><td><code>")
                .Append(E(a.EventId)).Append("</code></td></tr>\n");
        if (report.Assumptions.Count == 0) h.Append("<tr><td colspan=\"5\">No assumption was used (no programme computed).</td></tr>\n");
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Caveats(StringBuilder h, RoiReport report)
    {
        h.Append("<section id=\"caveats\">\n<h2>Caveats</h2>\n<p><strong>Design.</strong> ")
            .Append(E(report.Programmes.FirstOrDefault()?.Design ?? RoiCalculator.Design))
            .Append(" People are matched on role only. These figures show association, not proof that the programmes caused the differences.</p>\n<ul>\n");
        var caveats = report.Programmes.SelectMany(p => p.Caveats).Distinct(StringComparer.Ordinal).ToList();
        caveats.Add($"Small groups: retention groups with fewer than {report.Retention.MinGroupSize} people and skill-gap cells with fewer than " +
                    $"{report.Gaps.MinMembers} people are not shown, to protect individuals and because their figures are unreliable.");
        caveats.Add("Skill growth and skill gaps reflect the ledger as it stands now, not as of the report date.");
        caveats.AddRange(report.Retention.Notes.Select(n => "Retention analysis: " + n + "."));
        foreach (var c in caveats) h.Append("<li>").Append(E(c)).Append("</li>\n");
        h.Append("</ul>\n</section>\n");
    }

    private const string Css = """

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
