using SkillsLedger.Charts;
using SkillsLedger.Retention;

namespace SkillsLedger.Presentation;

public partial class RetentionSection
{
    /// <summary>The groups the chart draws (those shown, with a curve), named as the page names them.</summary>
    public static IReadOnlyList<SurvivalGroup> ChartGroups(RetentionView view, Func<string, string> label) =>
        view.Groups.Where(g => !g.Suppressed && g.Curve is { Count: > 0 })
            .Select(g => new SurvivalGroup(label(g.Group), g.N,
                g.Curve!.Select(p => new SurvivalPoint(p.Day, p.Survival, p.CiLow ?? p.Survival, p.CiHigh ?? p.Survival, p.AtRisk)).ToList()))
            .ToList();

    /// <summary>The Kaplan–Meier chart with 95 % bands, the horizon marked and the number at risk under it: the report's figure and the dashboard's.</summary>
    public static RenderedChart Render(RetentionView view, Func<string, string> label, string title, IFigureFormat f) =>
        SurvivalChart.Render(new SurvivalChartData(title, ChartGroups(view, label),
            XLabel: f.L("Days since landmark", "Dagen sinds het landmark"), YLabel: f.L("Still employed (%)", "Nog in dienst (%)"),
            Method: f.L("Kaplan–Meier, 95 % bands", "Kaplan–Meier, 95%-banden"),
            HorizonDays: view.HorizonDays,
            HorizonLabel: f.L($"{view.HorizonMonths}-month horizon (the table's figures)", $"horizon van {view.HorizonMonths} maanden (de cijfers in de tabel)"),
            AxisStartsAt: f.L("axis starts at", "as begint bij"), NumberAtRisk: f.L("Number at risk", "Aantal gevolgd"), Words: f.ChartWords));
}
