using SkillsLedger.Charts;
using F = SkillsLedger.Reports.ReportFormat;

namespace SkillsLedger.Reports;

/// <summary>The report's four charts (1600 × 900 PNG + SVG), each with a caption that states n and the method.</summary>
public static class ReportCharts
{
    public const string Retention = "km-retention";
    public const string Growth = "growth-by-programme";
    public const string Roi = "roi";
    public const string Gaps = "gap-heatmap";
    public const string Effectiveness = "effectiveness-by-format";

    /// <summary>Prefix of the fan chart of each goal's first target ("strategy-" + goal id).</summary>
    public const string StrategyPrefix = "strategy-";

    public static IReadOnlyList<ReportChart> Render(RoiReport report) =>
        [RoiChartOf(report), RetentionChart(report), GrowthChartOf(report), GapChart(report),
         .. (report.Strategy?.Goals ?? []).Select(FanChart), .. EffectivenessChart(report)];

    /// <summary>The forest plot of which formats move skills (groups shown, i.e. not suppressed), when there is any.</summary>
    private static IEnumerable<ReportChart> EffectivenessChart(RoiReport report)
    {
        if (report.Effectiveness is not { } e) yield break;
        var rows = e.Groups.Where(g => !g.Suppressed && g.MeanEffect is not null)
            .Select(g => new ForestRow(g.Group, g.MeanEffect!.Value, g.CiLow, g.CiHigh, g.People)).ToList();
        if (rows.Count == 0) yield break;
        const string title = "Which learning formats move skills";
        var chart = ForestPlotChart.Render(new ForestPlotData(title, rows, "Level gain beyond comparable colleagues, points of the skill's scale (180 days)"));
        yield return Make(Effectiveness, title,
            $"Each completion's level change over 180 days minus that of colleagues in the same role without a course on the skill; " +
            $"mean over people with a 95 % interval; groups under {e.MinGroupSize} people left out; n.s.: the interval includes no difference.", chart);
    }

    private static ReportChart FanChart(SkillsLedger.Strategy.GoalView goal)
    {
        var t = goal.Targets[0];
        var f = t.Forecast;
        var title = StrategyReportText.FanTitle(goal.Name, t.Skill, t.Level);
        var chart = SupplyFanChart.Render(new SupplyFanChartData(title,
            t.Trend.Select(p => new SupplyHistoryPoint(p.Month, p.Supply)).ToList(), t.Trend[^1].Month,
            new SupplyFan(f.DueDate, f.Median, f.Interval80.Low, f.Interval80.High, f.Interval95.Low, f.Interval95.High), t.Headcount,
            StrategyReportText.FanYLabel, StrategyReportText.FanTarget, StrategyReportText.FanLegend));
        return Make(StrategyPrefix + goal.GoalId, title,
            StrategyReportText.FanCaption(t.InScope, t.Supply, t.Headcount, f.DueDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), f.ProbabilityMeet), chart);
    }

    private static ReportChart Make(string name, string title, string caption, RenderedChart chart) =>
        new(name, title, caption, chart.Width, chart.Height, chart.Png, chart.Svg);

    private static ReportChart RoiChartOf(RoiReport report)
    {
        const string title = "Programme costs and first-year benefits";
        var currency = report.Programmes.Select(p => p.Costs.Currency).FirstOrDefault(c => c.Length > 0) ?? "";
        var programmes = report.Programmes.Select(p => new RoiProgramme(p.ProgramId, p.Costs.Total,
            new RoiBenefits(p.Performance.Sum(b => b.Expected), p.Retention?.Expected ?? 0),
            new RoiBenefits(p.Performance.Sum(b => b.Conservative), p.Retention?.Conservative ?? 0))).ToList();
        var learners = string.Join(", ", report.Programmes.Select(p => $"{p.ProgramId} {F.Count(p.Learners)}"));
        var caption =
            $"n = learners per programme ({learners}). Costs: programme spend and learners' time up to {F.Date(report.AsOf)}. " +
            "Benefits: first year per learner; performance by difference in differences, retention by landmark Kaplan–Meier. " +
            "Dark bars: expected (point estimates); light bars: conservative (95 % lower bounds, floored at zero).";
        var chart = RoiChart.Render(new RoiChartData(title, currency, programmes, Period: "",
            Caption: "Expected: point estimates · conservative (lighter): 95 % lower bounds · labels: benefit and benefit ÷ cost"));
        return Make(Roi, title, caption, chart);
    }

    private static ReportChart RetentionChart(RoiReport report)
    {
        var r = report.Retention;
        var title = $"Share still employed after the {r.LandmarkDays}-day landmark, by first programme";
        var shown = r.Groups.Where(g => !g.Suppressed && g.Curve is { Count: > 0 }).ToList();
        var groups = shown.Select(g => new SurvivalGroup(
            RoiReportBuilder.GroupLabel(g.Group, "No course"), g.N,
            g.Curve!.Select(p => new SurvivalPoint(p.Day, p.Survival, p.CiLow ?? p.Survival, p.CiHigh ?? p.Survival, p.AtRisk)).ToList())).ToList();
        var chart = SurvivalChart.Render(new SurvivalChartData(title, groups, Method: "Kaplan–Meier, 95 % bands",
            HorizonDays: r.HorizonMonths * 365.25 / 12, HorizonLabel: $"{r.HorizonMonths}-month horizon (the table's figures)"));
        var suppressed = r.Groups.Where(g => g.Suppressed).ToList();
        var caption =
            $"n = {F.People(shown.Sum(g => g.N))} still employed {r.LandmarkDays} days after hire " +
            $"({string.Join(", ", shown.Select(g => $"{RoiReportBuilder.GroupLabel(g.Group, "no course")} {F.Count(g.N)}"))}), " +
            "grouped by the programme of their first course before the landmark and followed until they left or the report date. " +
            "Kaplan–Meier curves with 95 % log(−log) bands." +
            (suppressed.Count > 0 ? $" Not shown (fewer than {r.MinGroupSize} people): {string.Join(", ", suppressed.Select(g => g.Group))}." : "");
        return Make(Retention, title, caption, chart);
    }

    /// <summary>"levels per year", or the share-of-scale unit when a group mixes scales (then every group is read that way).</summary>
    private static string GrowthUnits(RoiReport report) =>
        string.Join("; ", report.Growth.Groups.Where(g => !g.Suppressed).Select(g => g.Unit).Distinct());

    private static ReportChart GrowthChartOf(RoiReport report)
    {
        const string title = "Skill growth by programme";
        var groups = report.Growth.Groups.Where(g => !g.Suppressed).Select(g => new GrowthGroup(RoiReportBuilder.GroupLabel(g.Group, "No course"), g.N, g.MeanSlope!.Value,
            g.CiLow ?? g.MeanSlope.Value, g.CiHigh ?? g.MeanSlope.Value)).ToList();
        // The demo's programmes mix 1–5 and 1–8 skills: such groups are compared in shares of the scale (docs/methods.md §2).
        var shares = report.Growth.Groups.Any(g => !g.Suppressed && g.Unit != SkillsLedger.Growth.GrowthQuery.Unit);
        var chart = GrowthChart.Render(new GrowthChartData(title, groups,
            shares ? "Mean growth (share of the skill's scale per year)" : "Mean growth (levels per year)",
            "Bars: group means over people; whiskers: 95 % confidence intervals"));
        var caption =
            $"n = people per group ({string.Join(", ", report.Growth.Groups.Select(g => $"{RoiReportBuilder.GroupLabel(g.Group, "no course")} {F.Count(g.N)}"))}), " +
            $"from {F.Count(report.Growth.Groups.Sum(g => g.PersonSkills))} person-skill growth rates. " +
            "Growth is the least-squares slope of a person's assessed level on one skill over time (at least two assessments 30 days apart); " +
            "each person's slopes are averaged first, so a person counts once per group (" + GrowthUnits(report) + "). " +
            "Bars: group means; whiskers: 95 % Student-t confidence intervals over people. A person counts in every programme they took " +
            "a course of; \"no course\" took none.";
        return Make(Growth, title, caption, chart);
    }

    private static ReportChart GapChart(RoiReport report)
    {
        const string title = "Mean skill gap by team (levels below the role's target)";
        var cells = report.Gaps.Cells.Select(c => new GapCell(c.Team, c.Skill, c.MeanGap))
            .Concat((report.Gaps.SuppressedPairs ?? []).Select(p => new GapCell(p.Team, p.Skill, double.NaN, Suppressed: true))).ToList();
        // Short enough for one line on a slide; the full definition is in the report's caption under the chart.
        var footnote = $"Mean of target − current level, current members. Ledger state of {F.Date(report.GeneratedAt)}.";
        var chart = GapHeatmap.Render(new GapHeatmapData(title, cells,
            Teams: [.. cells.Select(c => c.Team).Distinct().Order(StringComparer.Ordinal)],
            Skills: [.. cells.Select(c => c.Skill).Distinct().Order(StringComparer.Ordinal)],
            report.Gaps.MinMembers, footnote));
        var caption =
            $"n = {F.Count(report.Gaps.People)} current employees in {F.Count(report.Gaps.Cells.Select(c => c.Team).Distinct().Count())} teams. " +
            "Each cell: the mean, over the team's current members whose role profile includes the skill, of target level minus current level " +
            "(0 when at or above target; the full target when never assessed). " +
            $"Light grey (—): skill not in the team's role profiles; dark grey (< {report.Gaps.MinMembers}): fewer than {report.Gaps.MinMembers} people ({F.Count(report.Gaps.SuppressedCells)} cells suppressed). " +
            "Current state of the ledger, not as of the report date.";
        return Make(Gaps, title, caption, chart);
    }
}
