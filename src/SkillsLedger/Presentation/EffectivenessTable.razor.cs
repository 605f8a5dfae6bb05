using SkillsLedger.Charts;
using SkillsLedger.Effectiveness;

namespace SkillsLedger.Presentation;

public partial class EffectivenessTable
{
    /// <summary>The forest plot of the groups shown (not suppressed), or null when there is none: the report's figure and the dashboard's.</summary>
    public static RenderedChart? Chart(EffectivenessView view, Func<string, string> label, string title, IFigureFormat f)
    {
        var rows = view.Groups.Where(g => !g.Suppressed && g.MeanEffect is not null)
            .Select(g => new ForestRow(label(g.Group), g.MeanEffect!.Value, g.CiLow, g.CiHigh, g.People)).ToList();
        if (rows.Count == 0) return null;
        return ForestPlotChart.Render(new ForestPlotData(title, rows,
            f.L($"Level gain beyond comparable colleagues, points of the skill's scale ({view.WindowDays} days)",
                $"Niveauwinst boven vergelijkbare collega's, punten van de schaal van de vaardigheid ({view.WindowDays} dagen)"),
            f.L("Dot: mean difference · line: 95 % interval · dashed: no difference · n = people",
                "Punt: gemiddeld verschil · lijn: 95%-interval · gestreept: geen verschil · n = medewerkers"), f.ChartWords));
    }

    /// <summary>What the forest plot shows, under it.</summary>
    public static string Caption(EffectivenessView view, IFigureFormat f) => f.L(
        $"Each completion's level change over {view.WindowDays} days minus that of colleagues in the same role without a course on the skill; " +
        $"mean over people with a 95 % interval; groups under {view.MinGroupSize} people left out; n.s.: the interval includes no difference.",
        $"De niveauverandering over {view.WindowDays} dagen na elke afgeronde cursus min die van collega's in dezelfde functie zonder cursus in die vaardigheid; " +
        $"gemiddelde over medewerkers met een 95%-interval; groepen onder {view.MinGroupSize} medewerkers weggelaten; n.s.: het interval omvat ook geen verschil.");
}
