using SkillsLedger.Charts;

namespace SkillsLedger.Reports;

/// <summary>The report's charts (1600 × 900 PNG + SVG), each with a caption that states n and the method, in the report's language.</summary>
public static class ReportCharts
{
    public const string Retention = "km-retention";
    public const string Growth = "growth-by-programme";
    public const string Roi = "roi";
    public const string Gaps = "gap-heatmap";
    public const string Effectiveness = "effectiveness-by-format";

    /// <summary>Prefix of the fan chart of each goal's first target ("strategy-" + goal id).</summary>
    public const string StrategyPrefix = "strategy-";

    public static IReadOnlyList<ReportChart> Render(RoiReport report, ReportFormat? language = null)
    {
        var c = new Charts(report, language ?? ReportFormat.English);
        return [c.RoiChartOf(), c.RetentionChart(), c.GrowthChartOf(), c.GapChart(),
                .. (report.Strategy?.Goals ?? []).Select(c.FanChart), .. c.EffectivenessChart()];
    }

    private sealed class Charts(RoiReport report, ReportFormat f)
    {
        private readonly ChartWords words = f.ChartWords;

        private string L(string en, string nl) => f.L(en, nl);

        private string Group(string group, bool capital = false) =>
            RoiReportBuilder.GroupLabel(group, capital ? L("No course", "Geen cursus") : L("no course", "geen cursus"));

        /// <summary>The forest plot of which formats move skills (groups shown, i.e. not suppressed), when there is any (drawn as the dashboard draws it).</summary>
        public IEnumerable<ReportChart> EffectivenessChart()
        {
            if (report.Effectiveness is not { } e) yield break;
            var title = L("Which learning formats move skills", "Welke leervormen vaardigheden vooruithelpen");
            if (SkillsLedger.Presentation.EffectivenessTable.Chart(e, g => g, title, f) is not { } chart) yield break;
            yield return Make(Effectiveness, title, SkillsLedger.Presentation.EffectivenessTable.Caption(e, f), chart);
        }

        /// <summary>The fan chart of the goal's first target (drawn as the dashboard draws every target's).</summary>
        public ReportChart FanChart(SkillsLedger.Strategy.GoalView goal) =>
            Make(StrategyPrefix + goal.GoalId, SkillsLedger.Presentation.GoalFan.Title(goal, goal.Targets[0]),
                SkillsLedger.Presentation.GoalFan.Caption(goal.Targets[0], f), SkillsLedger.Presentation.GoalFan.Render(goal, goal.Targets[0], f));

        private static ReportChart Make(string name, string title, string caption, RenderedChart chart) =>
            new(name, title, caption, chart.Width, chart.Height, chart.Png, chart.Svg);

        public ReportChart RoiChartOf()
        {
            var title = L("Programme costs and first-year benefits", "Kosten en baten in het eerste jaar per programma");
            var currency = report.Programmes.Select(p => p.Costs.Currency).FirstOrDefault(c => c.Length > 0) ?? "";
            var programmes = report.Programmes.Select(p => new RoiProgramme(p.ProgramId, p.Costs.Total,
                new RoiBenefits(p.Performance.Sum(b => b.Expected), p.Retention?.Expected ?? 0),
                new RoiBenefits(p.Performance.Sum(b => b.Conservative), p.Retention?.Conservative ?? 0))).ToList();
            var learners = string.Join(", ", report.Programmes.Select(p => $"{p.ProgramId} {f.Count(p.Learners)}"));
            var caption = L(
                $"n = learners per programme ({learners}). Costs: programme spend and learners' time up to {f.Date(report.AsOf)}. " +
                "Benefits: first year per learner; performance by difference in differences, retention by landmark Kaplan–Meier. " +
                "Dark bars: expected (point estimates); light bars: conservative (95 % lower bounds, floored at zero).",
                $"n = deelnemers per programma ({learners}). Kosten: programma-uitgaven en tijd van deelnemers tot {f.Date(report.AsOf)}. " +
                "Baten: eerste jaar per deelnemer; prestatie met verschil-in-verschillen, behoud met landmark-Kaplan–Meier. " +
                "Donkere staven: verwacht (puntschattingen); lichte staven: voorzichtig (95%-ondergrenzen, niet onder nul).");
            var chart = RoiChart.Render(new RoiChartData(title, currency, programmes, Period: "",
                Caption: L("Expected: point estimates · conservative (lighter): 95 % lower bounds · labels: benefit and benefit ÷ cost",
                    "Verwacht: puntschattingen · voorzichtig (lichter): 95%-ondergrenzen · labels: baat en baat ÷ kosten"), Words: words));
            return Make(Roi, title, caption, chart);
        }

        public ReportChart RetentionChart()
        {
            var r = report.Retention;
            var title = L($"Share still employed after the {r.LandmarkDays}-day landmark, by first programme",
                $"Aandeel nog in dienst na het landmark van {r.LandmarkDays} dagen, naar eerste programma");
            var shown = r.Groups.Where(g => !g.Suppressed && g.Curve is { Count: > 0 }).ToList();
            var chart = SkillsLedger.Presentation.RetentionSection.Render(r, g => Group(g, capital: true), title, f);
            var suppressed = r.Groups.Where(g => g.Suppressed).ToList();
            var sizes = string.Join(", ", shown.Select(g => $"{Group(g.Group)} {f.Count(g.N)}"));
            var caption = L(
                $"n = {f.People(shown.Sum(g => g.N))} still employed {r.LandmarkDays} days after hire ({sizes}), " +
                "grouped by the programme of their first course before the landmark and followed until they left or the report date. " +
                "Kaplan–Meier curves with 95 % log(−log) bands." +
                (suppressed.Count > 0 ? $" Not shown (fewer than {r.MinGroupSize} people): {string.Join(", ", suppressed.Select(g => g.Group))}." : ""),
                $"n = {f.People(shown.Sum(g => g.N))} nog in dienst {r.LandmarkDays} dagen na indiensttreding ({sizes}), " +
                "ingedeeld naar het programma van hun eerste cursus vóór het landmark en gevolgd tot hun vertrek of de rapportdatum. " +
                "Kaplan–Meiercurven met 95%-log(−log)-banden." +
                (suppressed.Count > 0 ? $" Niet getoond (minder dan {r.MinGroupSize} medewerkers): {string.Join(", ", suppressed.Select(g => g.Group))}." : ""));
            return Make(Retention, title, caption, chart);
        }

        /// <summary>"levels per year", or the share-of-scale unit when a group mixes scales (then every group is read that way).</summary>
        private string GrowthUnits() =>
            string.Join("; ", report.Growth.Groups.Where(g => !g.Suppressed)
                .Select(g => g.Unit == SkillsLedger.Growth.GrowthQuery.Unit ? L(g.Unit, "niveaus per jaar") : L(g.Unit, "aandeel van de schaal per jaar")).Distinct());

        public ReportChart GrowthChartOf()
        {
            var title = L("Skill growth by programme", "Groei van vaardigheden per programma");
            var groups = report.Growth.Groups.Where(g => !g.Suppressed).Select(g => new GrowthGroup(Group(g.Group, capital: true), g.N, g.MeanSlope!.Value,
                g.CiLow ?? g.MeanSlope.Value, g.CiHigh ?? g.MeanSlope.Value)).ToList();
            // The demo's programmes mix 1–5 and 1–8 skills: such groups are compared in shares of the scale (docs/methods.md §2).
            var shares = report.Growth.Groups.Any(g => !g.Suppressed && g.Unit != SkillsLedger.Growth.GrowthQuery.Unit);
            var chart = GrowthChart.Render(new GrowthChartData(title, groups,
                shares ? L("Mean growth (share of the skill's scale per year)", "Gemiddelde groei (aandeel van de schaal per jaar)")
                       : L("Mean growth (levels per year)", "Gemiddelde groei (niveaus per jaar)"),
                L("Bars: group means; whiskers: 95 % confidence intervals", "Staven: groepsgemiddelden; snorharen: 95%-betrouwbaarheidsintervallen"), words));
            var sizes = string.Join(", ", report.Growth.Groups.Select(g => $"{Group(g.Group)} {f.Count(g.N)}"));
            var caption = L(
                $"n = people per group ({sizes}), from {f.Count(report.Growth.Groups.Sum(g => g.PersonSkills))} person-skill growth rates. " +
                "Growth is the least-squares slope of a person's assessed level on one skill over time (at least two assessments 30 days apart); " +
                "each person's slopes are averaged first, so a person counts once per group (" + GrowthUnits() + "). " +
                "Bars: group means; whiskers: 95 % Student-t confidence intervals over people. A person counts in every programme they took " +
                "a course of; \"no course\" took none.",
                $"n = medewerkers per groep ({sizes}), uit {f.Count(report.Growth.Groups.Sum(g => g.PersonSkills))} groeicijfers per persoon en vaardigheid. " +
                "Groei is de kleinste-kwadratenhelling van het beoordeelde niveau van een medewerker in één vaardigheid in de tijd (minstens twee beoordelingen 30 dagen uit elkaar); " +
                "de hellingen van een medewerker worden eerst gemiddeld, zodat iemand één keer per groep telt (" + GrowthUnits() + "). " +
                "Staven: groepsgemiddelden; snorharen: 95%-Student-t-betrouwbaarheidsintervallen over medewerkers. Iemand telt mee in elk programma waarvan hij " +
                "een cursus volgde; \"geen cursus\" volgde er geen.");
            return Make(Growth, title, caption, chart);
        }

        public ReportChart GapChart()
        {
            var title = L("Mean skill gap by team (levels below the role's target)", "Gemiddeld tekort per team (niveaus onder het doel van de functie)");
            var cells = report.Gaps.Cells.Select(c => new GapCell(c.Team, c.Skill, c.MeanGap))
                .Concat((report.Gaps.SuppressedPairs ?? []).Select(p => new GapCell(p.Team, p.Skill, double.NaN, Suppressed: true))).ToList();
            // Short enough for one line on a slide; the full definition is in the report's caption under the chart.
            var footnote = L($"Mean of target − current level, current members. Ledger state of {f.Date(report.GeneratedAt)}.",
                $"Gemiddelde van doel − huidig niveau, huidige leden. Stand van het grootboek op {f.Date(report.GeneratedAt)}.");
            var chart = GapHeatmap.Render(new GapHeatmapData(title, cells,
                Teams: [.. cells.Select(c => c.Team).Distinct().Order(StringComparer.Ordinal)],
                Skills: [.. cells.Select(c => c.Skill).Distinct().Order(StringComparer.Ordinal)],
                report.Gaps.MinMembers, footnote, words));
            var m = report.Gaps.MinMembers;
            var caption = L(
                $"n = {f.Count(report.Gaps.People)} current employees in {f.Count(report.Gaps.Cells.Select(c => c.Team).Distinct().Count())} teams. " +
                "Each cell: the mean, over the team's current members whose role profile includes the skill, of target level minus current level " +
                "(0 when at or above target; the full target when never assessed). " +
                $"Light grey (—): skill not in the team's role profiles; dark grey (< {m}): fewer than {m} people ({f.Count(report.Gaps.SuppressedCells)} cells suppressed). " +
                "Current state of the ledger, not as of the report date.",
                $"n = {f.Count(report.Gaps.People)} huidige medewerkers in {f.Count(report.Gaps.Cells.Select(c => c.Team).Distinct().Count())} teams. " +
                "Elke cel: het gemiddelde, over de huidige teamleden met de vaardigheid in hun functieprofiel, van doelniveau min huidig niveau " +
                "(0 op of boven het doel; het volle doel als nooit beoordeeld). " +
                $"Lichtgrijs (—): vaardigheid niet in de functieprofielen van het team; donkergrijs (< {m}): minder dan {m} medewerkers ({f.Count(report.Gaps.SuppressedCells)} cellen niet getoond). " +
                "Huidige stand van het grootboek, niet op de rapportdatum.");
            return Make(Gaps, title, caption, chart);
        }
    }
}
