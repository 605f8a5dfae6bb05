using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using SkillsLedger.Analytics.Roi;

namespace SkillsLedger.Reports;

/// <summary>
/// The report as one self-contained HTML page for an executive, in English or Dutch: headline figures first, then the
/// evidence (charts inlined as PNG data: URIs), methods in plain words, the assumptions with the events that set them,
/// and caveats. No external CSS, scripts, fonts or images; every piece of text goes through <see cref="Encoder"/>.
/// Each sentence is written once in both languages side by side (<see cref="ReportFormat.L"/>); the analyses' own
/// sentences are put into Dutch by <see cref="AnalysisWordsDutch"/>.
/// </summary>
public static class RoiReportHtml
{
    /// <summary>HTML encoder that escapes markup characters but leaves non-ASCII text (−, –, ×, accents) as UTF-8.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page; <paramref name="language"/> is <see cref="ReportFormat.English"/> (default) or <see cref="ReportFormat.Dutch"/>,
    /// whose charts must come from <see cref="ReportCharts.Render"/> in the same language.</summary>
    public static string Render(RoiReport report, ReportFormat? language = null) => new Writer(report, language ?? ReportFormat.English).Page();

    private sealed class Writer(RoiReport report, ReportFormat f)
    {
        private readonly StringBuilder h = new(2_000_000);

        private static string E(string? text) => Encoder.Encode(text ?? "");

        private string L(string en, string nl) => f.L(en, nl);

        /// <summary>A sentence an analysis wrote (in English): as it is, or in Dutch.</summary>
        private string A(string english) => f.IsDutch ? AnalysisWordsDutch.Translate(english) : english;

        private string NoCourse(string group, bool capital = false) =>
            RoiReportBuilder.GroupLabel(group, capital ? L("No course", "Geen cursus") : L("no course", "geen cursus"));

        public string Page()
        {
            var title = L("Learning programme ROI", "Rendement van leerprogramma's") + $" — {report.Organisation}";
            h.Append("<!DOCTYPE html>\n<html lang=\"").Append(L("en", "nl")).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

            h.Append("<header>\n<p class=\"kicker\">SkillsLedger · ").Append(E(L("executive report", "directierapport"))).Append("</p>\n<h1>").Append(E(title)).Append("</h1>\n")
                .Append("<p class=\"meta\">").Append(E(L("Data as of", "Gegevens per"))).Append(" <time datetime=\"").Append(E(report.AsOf.ToString("O")))
                .Append("\">").Append(E(f.AsOfText(report.AsOf))).Append("</time>")
                .Append(report.ProgramId is { } pid
                    ? $" · {E(L("programme", "programma"))} {E(pid)}"
                    : $" · {E(f.Count(report.Programmes.Count + report.NotComputed.Count, L("programme", "programma"), L("programmes", "programma's")))}")
                .Append(" · ").Append(E(L("generated", "gemaakt"))).Append(' ')
                .Append(E(report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)))
                .Append("</p>\n</header>\n");

            Headline();
            Evidence();
            Strategy();
            Effectiveness();
            Methods();
            Assumptions();
            Caveats();

            h.Append("<footer>").Append(E(L("Every figure on this page is in", "Elk cijfer op deze pagina staat in"))).Append(" <code>roi.json</code> ")
                .Append(E(L("next to this file; the charts are also saved as PNG and SVG. Source: the SkillsLedger analytics read model of organisation",
                    "naast dit bestand; de grafieken staan er ook als PNG en SVG. Bron: het analysemodel van SkillsLedger voor organisatie")))
                .Append(" <code>").Append(E(report.Organisation)).Append("</code>.</footer>\n");
            h.Append("</main>\n</body>\n</html>\n");
            return h.ToString();
        }

        // ------------------------------------------------------------ headline

        private void Headline()
        {
            h.Append("<section id=\"headline\">\n<h2>").Append(E(L("Headline: what each programme returns", "Kern: wat elk programma oplevert"))).Append("</h2>\n");
            h.Append("<p class=\"lede\">").Append(E(L(
                    "Return on investment compares each programme's full cost (spend plus learners' time) with the value of the first year of better " +
                    "performance and fewer leavers among its learners. ",
                    "Het rendement (ROI) zet de volledige kosten van elk programma (uitgaven plus de tijd van deelnemers) af tegen de waarde van het " +
                    "eerste jaar betere prestaties en minder vertrek onder de deelnemers. ")))
                .Append("<strong>").Append(E(L("Expected", "Verwacht"))).Append("</strong> ").Append(E(L("uses the best estimates; ", "gebruikt de beste schattingen; ")))
                .Append("<strong>").Append(E(L("conservative", "voorzichtig"))).Append("</strong> ")
                .Append(E(L("takes every benefit at the low end of its 95 % confidence interval.", "neemt elke baat aan de onderkant van het 95%-betrouwbaarheidsinterval.")))
                .Append("</p>\n");
            if (report.Programmes.Count == 0)
                h.Append("<p class=\"warning\">").Append(E(L("No programme's ROI could be computed from the ledger as it stands (see below).",
                    "Voor geen enkel programma kon het rendement uit het grootboek worden berekend (zie hieronder)."))).Append("</p>\n");

            h.Append("<div class=\"cards\">\n");
            foreach (var p in report.Programmes) Card(p);
            h.Append("</div>\n");

            if (report.NotComputed.Count > 0)
            {
                h.Append("<div class=\"warning\"><h3>").Append(E(L("Not computed", "Niet berekend"))).Append("</h3><ul>\n");
                foreach (var problem in report.NotComputed)
                    h.Append("<li><strong>").Append(E(problem.ProgramId)).Append("</strong>: ").Append(E(A(problem.Reason))).Append("</li>\n");
                h.Append("</ul></div>\n");
            }
            h.Append("</section>\n");
        }

        private void Card(RoiResult p)
        {
            var cur = p.Costs.Currency;
            h.Append("<article class=\"card\">\n<h3>").Append(E(p.ProgramId)).Append("</h3>\n")
                .Append("<p class=\"verdict ").Append(VerdictClass(p)).Append("\">").Append(E(Verdict(p))).Append("</p>\n")
                .Append("<div class=\"kpis\">")
                .Append(Kpi(f.Percent(p.Expected.RoiPercent), L("ROI, expected", "ROI, verwacht")))
                .Append(Kpi(f.Percent(p.Conservative.RoiPercent), L("ROI, conservative", "ROI, voorzichtig")))
                .Append("</div>\n");
            h.Append("<table class=\"figures\">\n<thead><tr><th></th><th class=\"num\">").Append(E(L("Expected", "Verwacht")))
                .Append("</th><th class=\"num\">").Append(E(L("Conservative", "Voorzichtig"))).Append("</th></tr></thead>\n<tbody>\n");
            Row(L("Benefits, first year", "Baten, eerste jaar"), f.Money(p.Expected.Benefits, cur), f.Money(p.Conservative.Benefits, cur));
            Row(L($"Benefit–cost ratio ({cur} per {cur} 1 spent)", $"Baten-kostenverhouding ({cur} per {cur} 1 uitgegeven)"),
                f.Ratio(p.Expected.BenefitCostRatio), f.Ratio(p.Conservative.BenefitCostRatio));
            Row(L("Payback", "Terugverdientijd"), f.Months(p.Expected.PaybackMonths), f.Months(p.Conservative.PaybackMonths));
            h.Append("</tbody>\n</table>\n");
            h.Append("<p class=\"costs\">").Append(E(L("Costs", "Kosten"))).Append(' ').Append(E(f.Money(p.Costs.Total, cur)))
                .Append(" · n = ").Append(E(f.Learners(p.Learners))).Append("</p>\n</article>\n");
        }

        private static string Kpi(string value, string label) =>
            $"<div class=\"kpi\"><span class=\"value\">{E(value)}</span><span class=\"label\">{E(label)}</span></div>";

        private void Row(string label, string expected, string conservative) =>
            h.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td class=\"num\">").Append(E(expected))
                .Append("</td><td class=\"num\">").Append(E(conservative)).Append("</td></tr>\n");

        private string Verdict(RoiResult p) =>
            (p.Expected.RoiPercent, p.Conservative.RoiPercent) switch
            {
                ( >= 0, >= 0) => L("Pays back even on the conservative estimate.", "Verdient zich ook in de voorzichtige schatting terug."),
                ( >= 0, _) => L("Pays back on the best estimate, but not on the conservative one: a loss cannot be ruled out.",
                    "Verdient zich terug in de beste schatting, maar niet in de voorzichtige: verlies is niet uitgesloten."),
                _ => L("Does not pay back within the first year on these figures.", "Verdient zich op deze cijfers niet binnen het eerste jaar terug."),
            };

        private static string VerdictClass(RoiResult p) =>
            (p.Expected.RoiPercent, p.Conservative.RoiPercent) switch { ( >= 0, >= 0) => "good", ( >= 0, _) => "mixed", _ => "bad" };

        // ------------------------------------------------------------ evidence

        private void Evidence()
        {
            h.Append("<section id=\"evidence\">\n<h2>").Append(E(L("Evidence", "Onderbouwing"))).Append("</h2>\n");
            if (report.Programmes.Count > 0) BenefitTable();
            Figure(report.Chart(ReportCharts.Roi), 1);

            Figure(report.Chart(ReportCharts.Retention), 2);
            RetentionTable();

            Figure(report.Chart(ReportCharts.Growth), 3);
            GrowthTable();

            Figure(report.Chart(ReportCharts.Gaps), 4);
            h.Append("</section>\n");
        }

        private void BenefitTable()
        {
            h.Append("<h3>").Append(E(L("What the figures rest on", "Waar de cijfers op rusten"))).Append("</h3>\n<table class=\"data\">\n<thead><tr><th>")
                .Append(E(L("Programme", "Programma"))).Append("</th><th>").Append(E(L("Item", "Onderdeel"))).Append("</th><th>").Append(E(L("Estimate", "Schatting")))
                .Append("</th><th class=\"num\">").Append(E(L("Expected", "Verwacht"))).Append("</th><th class=\"num\">").Append(E(L("Conservative", "Voorzichtig")))
                .Append("</th></tr></thead>\n<tbody>\n");
            foreach (var p in report.Programmes)
            {
                var cur = p.Costs.Currency;
                var rows = new List<(string Item, string Estimate, string Expected, string Conservative)>
                {
                    (L("Costs", "Kosten"),
                        L($"Programme spend {f.Money(p.Costs.ProgramCosts, cur)} ({f.Count(p.Costs.CostEvents)} cost records) + ",
                            $"Programma-uitgaven {f.Money(p.Costs.ProgramCosts, cur)} ({f.Count(p.Costs.CostEvents)} kostenposten) + ") +
                        L($"{f.Number(p.Costs.LearningHours)} learning hours × {f.Money(p.Costs.LoadedHourlyCost, cur)}/hour = {f.Money(p.Costs.TimeCost, cur)}",
                            $"{f.Number(p.Costs.LearningHours)} leeruren × {f.Money(p.Costs.LoadedHourlyCost, cur)}/uur = {f.Money(p.Costs.TimeCost, cur)}"),
                        f.Money(p.Costs.Total, cur), f.Money(p.Costs.Total, cur)),
                };
                foreach (var b in p.Performance)
                {
                    var metric = ReportFormat.Metric(b.Metric);
                    var item = L("Performance: ", "Prestatie: ") + metric;
                    var comparison = f.Count(b.ComparisonPeople ?? 0, L("comparison person", "vergelijkingspersoon"), L("comparison people", "vergelijkingspersonen"));
                    if (b.Did is not { } d)
                    {
                        rows.Add((item, L($"suppressed: {f.Learners(b.Learners ?? 0)} vs {comparison} (fewer than {RoiReportBuilder.MinGroupSize}); not counted",
                                $"niet getoond: {f.Learners(b.Learners ?? 0)} tegen {comparison} (minder dan {RoiReportBuilder.MinGroupSize}); niet meegeteld"),
                            f.Money(0, cur), f.Money(0, cur)));
                        continue;
                    }
                    var group = f.Count(d.ComparisonPeople, L("comparison person", "vergelijkingspersoon"), L("comparison people", "vergelijkingspersonen"));
                    rows.Add((item,
                        L($"{f.Signed(d.Did, "N2")} {metric} per learner per month against the comparison group ", $"{f.Signed(d.Did, "N2")} {metric} per deelnemer per maand ten opzichte van de vergelijkingsgroep ") +
                        $"({f.Interval(d.CiLow, d.CiHigh, v => f.Signed(v, "N2"))}); n = {f.Learners(d.Learners)} " + L("vs", "tegen") + $" {group} " +
                        L($"({f.Learners(d.UnmatchedLearners)} without data); valued at {f.Money(b.ValuePerUnit, cur)} each",
                            $"({f.Learners(d.UnmatchedLearners)} zonder gegevens); gewaardeerd op {f.Money(b.ValuePerUnit, cur)} per stuk"),
                        f.Money(b.Expected, cur), f.Money(b.Conservative, cur)));
                }
                if (p.Retention is { } r)
                    rows.Add((L($"Retention within {RoiReportBuilder.HorizonMonths} months", $"Behoud binnen {RoiReportBuilder.HorizonMonths} maanden"),
                        L($"{f.Signed(100 * r.DeparturesAvoidedPerLearner, "N1")} percentage points more still employed ",
                            $"{f.Signed(100 * r.DeparturesAvoidedPerLearner, "N1")} procentpunt meer nog in dienst ") +
                        $"({f.Interval(r.CiLow * 100, r.CiHigh * 100, v => f.Signed(v, "N1"))}): " +
                        L($"{f.Share(r.SurvivalLearners)} of learners vs {f.Share(r.SurvivalNone)} with no course; n = {f.Learners(r.Learners)} vs {f.Count(r.Comparison)}; ",
                            $"{f.Share(r.SurvivalLearners)} van de deelnemers tegen {f.Share(r.SurvivalNone)} zonder cursus; n = {f.Learners(r.Learners)} tegen {f.Count(r.Comparison)}; ") +
                        L($"a leaver costs {f.Number(r.ReplacementCostMonths, "N1")} months × {f.Money(r.MeanMonthlySalary, cur)} mean monthly salary",
                            $"een vertrekker kost {f.Number(r.ReplacementCostMonths, "N1")} maanden × {f.Money(r.MeanMonthlySalary, cur)} gemiddeld maandsalaris"),
                        f.Money(r.Expected, cur), f.Money(r.Conservative, cur)));
                else
                    rows.Add((L("Retention", "Behoud"), L("not valued (too few people in a group at the landmark)", "niet gewaardeerd (te weinig medewerkers in een groep op het landmark)"),
                        f.Money(0, cur), f.Money(0, cur)));

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

        private void Figure(ReportChart chart, int number)
        {
            h.Append("<figure id=\"fig-").Append(E(chart.Name)).Append("\">\n<img src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(chart.Png)).Append("\" width=\"").Append(chart.Width).Append("\" height=\"").Append(chart.Height)
                .Append("\" alt=\"").Append(E(chart.Title)).Append("\">\n<figcaption><strong>").Append(E(L("Figure", "Figuur"))).Append(' ').Append(number).Append(". ")
                .Append(E(chart.Title)).Append(".</strong> ").Append(E(chart.Caption)).Append("</figcaption>\n</figure>\n");
        }

        private void RetentionTable()
        {
            var r = report.Retention;
            h.Append("<p>");
            if (r.HazardRatio is { Estimate: { } hr } ratio)
                h.Append(E(L($"People who completed any course in their first {r.LandmarkDays} days left at {f.Number(hr, "N2")} times the rate of those who completed none: ",
                               $"Medewerkers die in hun eerste {r.LandmarkDays} dagen een cursus afrondden, vertrokken {f.Number(hr, "N2")} keer zo vaak als wie er geen afrondde: ") +
                           $"{L("hazard ratio", "hazardratio")} {f.Number(hr, "N2")} ({f.Interval(ratio.CiLow, ratio.CiHigh, v => f.Number(v, "N2"))}), {f.PValue(ratio.P)}, " +
                           L($"n = {f.Count(ratio.Learners + ratio.NonLearners)} ({f.Learners(ratio.Learners)}, {f.Count(ratio.NonLearners)} none; Cox model). ",
                               $"n = {f.Count(ratio.Learners + ratio.NonLearners)} ({f.Learners(ratio.Learners)}, {f.Count(ratio.NonLearners)} zonder; Cox-model). ")));
            else if (r.HazardRatio is { } none)
                h.Append(E(L($"No hazard ratio: n = {f.Learners(none.Learners)} and {f.Count(none.NonLearners, "other", "others")}. ",
                    $"Geen hazardratio: n = {f.Learners(none.Learners)} en {f.Count(none.NonLearners, "andere", "anderen")}. ")));
            if (r.LogRank is { } lr)
                h.Append(E(L("Difference between the curves: log-rank", "Verschil tussen de curven: log-rank") + $" χ² = {f.Number(lr.Chi2, "N2")}, df = {lr.Df}, {f.PValue(lr.P)}."));
            h.Append("</p>\n");

            h.Append("<table class=\"data\">\n<thead><tr><th>").Append(E(L($"First programme before day {r.LandmarkDays}", $"Eerste programma vóór dag {r.LandmarkDays}")))
                .Append("</th><th class=\"num\">").Append(E(L("People (n)", "Medewerkers (n)"))).Append("</th><th class=\"num\">").Append(E(L("Left", "Vertrokken")))
                .Append("</th><th class=\"num\">").Append(E(L($"Still employed {r.HorizonMonths} months after the landmark", $"Nog in dienst {r.HorizonMonths} maanden na het landmark")))
                .Append("</th></tr></thead>\n<tbody>\n");
            foreach (var g in r.Groups)
            {
                h.Append("<tr><th scope=\"row\">").Append(E(NoCourse(g.Group))).Append("</th><td class=\"num\">").Append(E(f.Count(g.N))).Append("</td>");
                if (g.Suppressed)
                    h.Append("<td class=\"num\" colspan=\"2\">").Append(E(L($"suppressed (fewer than {r.MinGroupSize} people)", $"niet getoond (minder dan {r.MinGroupSize} medewerkers)"))).Append("</td>");
                else
                    h.Append("<td class=\"num\">").Append(E(g.Departures is { } d ? f.Count(d) : f.NotAvailable)).Append("</td><td class=\"num\">")
                        .Append(E($"{f.Share(g.SurvivalAtHorizon)} ({f.Interval(g.CiLow, g.CiHigh, v => f.Share(v))})")).Append("</td>");
                h.Append("</tr>\n");
            }
            h.Append("</tbody>\n</table>\n");
            h.Append("<p class=\"small\">").Append(E(L(
                $"{f.People(r.Followed)} followed; {f.Count(r.NotYetAtLandmark)} hired too recently to reach the landmark and {f.Count(r.LeftBeforeLandmark)} who left before it are not counted.",
                $"{f.People(r.Followed)} gevolgd; {f.Count(r.NotYetAtLandmark)} te recent in dienst om het landmark te halen en {f.Count(r.LeftBeforeLandmark)} die ervoor vertrokken tellen niet mee.")))
                .Append("</p>\n");
        }

        private void GrowthTable()
        {
            h.Append("<table class=\"data\">\n<thead><tr><th>").Append(E(L("Programme", "Programma"))).Append("</th><th class=\"num\">").Append(E(L("People (n)", "Medewerkers (n)")))
                .Append("</th><th class=\"num\">").Append(E(L("Person-skills", "Persoon-vaardigheden"))).Append("</th><th class=\"num\">").Append(E(L("Mean growth", "Gemiddelde groei")))
                .Append("</th></tr></thead>\n<tbody>\n");
            foreach (var g in report.Growth.Groups)
                h.Append("<tr><th scope=\"row\">").Append(E(NoCourse(g.Group))).Append("</th><td class=\"num\">")
                    .Append(E(f.Count(g.N))).Append("</td><td class=\"num\">").Append(E(f.Count(g.PersonSkills))).Append("</td><td class=\"num\">")
                    .Append(E(g.MeanSlope is { } mean
                        ? $"{f.Signed(mean, "N2")} {(g.Unit == SkillsLedger.Growth.GrowthQuery.Unit ? L("levels/year", "niveaus/jaar") : L("of the scale/year", "van de schaal/jaar"))} ({f.Interval(g.CiLow, g.CiHigh, v => f.Signed(v, "N2"))})"
                        : L($"suppressed: {g.People} people (fewer than {report.Growth.MinGroupSize})", $"niet getoond: {g.People} medewerkers (minder dan {report.Growth.MinGroupSize})")))
                    .Append("</td></tr>\n");
            h.Append("</tbody>\n</table>\n");
        }

        // ------------------------------------------------------------ strategy

        private void Strategy()
        {
            if (report.Strategy is not { } s) return;
            var t = new StrategyReportText(f);
            h.Append("<section id=\"strategy\">\n<h2>").Append(E(t.Heading)).Append("</h2>\n");
            if (s.Goals.Count == 0)
            {
                h.Append("<p>").Append(E(t.NoGoals)).Append("</p>\n</section>\n");
                return;
            }
            h.Append("<p>").Append(E(t.Intro)).Append("</p>\n<table>\n<thead><tr>");
            foreach (var c in new[] { t.ColumnGoal, t.ColumnStatus, t.ColumnTarget, t.ColumnSupply, t.ColumnForecast, t.ColumnChance, t.ColumnLearning })
                h.Append("<th>").Append(E(c)).Append("</th>");
            h.Append("</tr></thead>\n<tbody>\n");
            foreach (var g in s.Goals)
                foreach (var target in g.Targets)
                {
                    var fc = target.Forecast;
                    h.Append("<tr><td>").Append(E(g.Name)).Append("</td><td>").Append(E(A(g.Status))).Append("</td><td>")
                        .Append(E(t.Target(target.Headcount, target.Skill, target.Level, A(SkillsLedger.Strategy.StrategyText.Scope(target.Scope)), fc.DueDate)))
                        .Append("</td><td class=\"num\">").Append(E($"{f.Count(target.Supply)} {L("of", "van")} {f.People(target.InScope)}"))
                        .Append("</td><td class=\"num\">").Append(E($"{f.Count(fc.Median)} ({f.Count(fc.Interval80.Low)}–{f.Count(fc.Interval80.High)}; {f.Count(fc.Interval95.Low)}–{f.Count(fc.Interval95.High)})"))
                        .Append("</td><td class=\"num\">").Append(E(f.Share(fc.ProbabilityMeet)))
                        .Append("</td><td>").Append(E($"{string.Join(", ", g.Learning.Programmes.DefaultIfEmpty(L("none", "geen")))}: {f.Learners(g.Learning.Learners)}, {f.Number(g.Learning.Hours)} {L("h", "u")}, {f.Money(g.Learning.TotalCost, g.Learning.Currency)}"))
                        .Append("</td></tr>\n");
                }
            h.Append("</tbody>\n</table>\n");
            var l = s.Learning;
            h.Append("<p>").Append(E(t.LinkedShare(f.Share(l.LinkedHoursShare), f.Number(l.Hours), f.Share(l.LinkedCostShare), f.Money(l.TotalCost, l.Currency)))).Append("</p>\n");
            if (l.Unlinked.Count > 0)
                h.Append("<p>").Append(E(t.UnlinkedHeading)).Append(' ')
                    .Append(E(string.Join("; ", l.Unlinked.Select(u => $"{u.ProgramId} {f.Money(u.TotalCost, l.Currency)}")))).Append("</p>\n");
            var number = 5; // after the four figures of the evidence section
            foreach (var chart in report.Charts.Where(c => c.Name.StartsWith(ReportCharts.StrategyPrefix, StringComparison.Ordinal)))
                Figure(chart, number++);
            h.Append("<p class=\"meta\">").Append(E(t.Method)).Append("</p>\n</section>\n");
        }

        // ------------------------------------------------------------ readiness and effectiveness

        private void Effectiveness()
        {
            if (report.Readiness is { } r && r.Overall.Share is { } share)
                h.Append("<section id=\"readiness\">\n<h2>").Append(E(L("Who meets their role profile", "Wie voldoet aan het functieprofiel"))).Append("</h2>\n<p>")
                    .Append(E(L($"{f.Share(share)} of {f.People(r.Overall.People)} whose role has a profile meet it on every required skill ",
                                  $"{f.Share(share)} van {f.People(r.Overall.People)} met een functieprofiel voldoen daaraan op elke vereiste vaardigheid ") +
                              L($"(95 % interval {f.Share(r.Overall.CiLow ?? 0)}–{f.Share(r.Overall.CiHigh ?? 0)}; rule weighted-recency v1).",
                                  $"(95%-interval {f.Share(r.Overall.CiLow ?? 0)}–{f.Share(r.Overall.CiHigh ?? 0)}; regel weighted-recency v1).")))
                    .Append("</p>\n</section>\n");
            if (report.Effectiveness is not { } e) return;
            h.Append("<section id=\"effectiveness\">\n<h2>").Append(E(L("Which learning works", "Welk leren werkt"))).Append("</h2>\n");
            foreach (var chart in report.Charts.Where(c => c.Name == ReportCharts.Effectiveness))
                Figure(chart, report.Charts.ToList().IndexOf(chart) + 1);
            h.Append("<p class=\"meta\">").Append(E(A(e.Threats))).Append("</p>\n</section>\n");
        }

        // ------------------------------------------------------------ methods, assumptions, caveats

        private void Methods()
        {
            h.Append("<section id=\"methods\">\n<h2>").Append(E(L("How the figures are worked out", "Hoe de cijfers tot stand komen"))).Append("</h2>\n<ul class=\"plain\">\n");
            foreach (var line in new[]
                     {
                         L("Costs: everything recorded against the programme up to the report date (licences, facilitation, venues) plus the hours learners spent " +
                           "in its courses, priced at the loaded hourly cost.",
                           "Kosten: alles wat tot de rapportdatum op het programma is geboekt (licenties, begeleiding, locaties) plus de uren die deelnemers " +
                           "aan de cursussen besteedden, tegen het integrale uurtarief."),
                         L("Performance benefit: for each learner, the average of their monthly output in the 90 days after their first course minus the 90 days before. " +
                           "The same change is measured over the same dates for colleagues in the same role who took no course of the programme, and subtracted " +
                           "(difference in differences). The result, per learner per month, is multiplied by 12 months, the value of one unit of output and the number of learners.",
                           "Prestatiebaat: per deelnemer de gemiddelde maandelijkse output in de 90 dagen na de eerste cursus min die in de 90 dagen ervoor. " +
                           "Dezelfde verandering wordt over dezelfde data gemeten bij collega's in dezelfde functie die geen cursus van het programma volgden, en afgetrokken " +
                           "(verschil-in-verschillen). Het resultaat per deelnemer per maand wordt vermenigvuldigd met 12 maanden, de waarde van één eenheid output en het aantal deelnemers."),
                         L($"Retention benefit: people still employed {report.Retention.LandmarkDays} days after hire are grouped by what they completed by then and followed " +
                           $"until they leave. The share still employed {report.Retention.HorizonMonths} months later (Kaplan–Meier) is compared between the programme's " +
                           "learners and people with no course; the difference, times the learners, times the cost of replacing a leaver, is the benefit.",
                           $"Behoudbaat: medewerkers die {report.Retention.LandmarkDays} dagen na indiensttreding nog in dienst zijn, worden ingedeeld naar wat ze tot dan afrondden en gevolgd " +
                           $"tot ze vertrekken. Het aandeel dat {report.Retention.HorizonMonths} maanden later nog in dienst is (Kaplan–Meier) wordt vergeleken tussen de deelnemers " +
                           "van het programma en medewerkers zonder cursus; het verschil, maal de deelnemers, maal de kosten van het vervangen van een vertrekker, is de baat."),
                         L("Scenarios: expected uses the best estimates; conservative uses the lower end of each 95 % confidence interval and never counts a negative benefit.",
                           "Scenario's: verwacht gebruikt de beste schattingen; voorzichtig gebruikt de onderkant van elk 95%-betrouwbaarheidsinterval en telt nooit een negatieve baat."),
                         L("ROI % = (benefits − costs) ÷ costs × 100. Benefit–cost ratio = benefits ÷ costs. Payback = costs ÷ monthly benefit.",
                           "ROI % = (baten − kosten) ÷ kosten × 100. Baten-kostenverhouding = baten ÷ kosten. Terugverdientijd = kosten ÷ maandelijkse baat."),
                         L("Growth: for each person and skill, the straight-line trend of their assessed level over time, in levels per year, averaged per programme.",
                           "Groei: per medewerker en vaardigheid de rechtlijnige trend van het beoordeelde niveau in de tijd, in niveaus per jaar, gemiddeld per programma."),
                         L("Skill gaps: each current employee's derived level against their role's target, averaged per team and skill.",
                           "Tekorten: het afgeleide niveau van elke huidige medewerker tegenover het doel van de functie, gemiddeld per team en vaardigheid."),
                     })
                h.Append("<li>").Append(E(line)).Append("</li>\n");
            h.Append("</ul>\n<p class=\"small\">").Append(E(L("The full statistical method, with formulas and references, is in",
                    "De volledige statistische methode, met formules en bronnen, staat in"))).Append(" <code>docs/methods.md</code>. ")
                .Append(E(L("Exact wording used by the calculation (English): ", "Letterlijke omschrijving van de berekening (Engels): "))).Append(E(report.RoiMethod)).Append("</p>\n</section>\n");
        }

        private void Assumptions()
        {
            h.Append("<section id=\"assumptions\">\n<h2>").Append(E(L("Assumptions", "Aannames"))).Append("</h2>\n<p>")
                .Append(E(L("Monetary values recorded on the ledger", "Geldwaarden die in het grootboek zijn vastgelegd"))).Append(" (<code>roi_assumption_set</code> ")
                .Append(E(L("events); the event id lets an auditor find who set each one and when.", "events); met het event-id vindt een auditor wie elke waarde vastlegde en wanneer.")))
                .Append("</p>\n<table class=\"data\">\n<thead><tr><th>").Append(E(L("Assumption", "Aanname"))).Append("</th><th class=\"num\">").Append(E(L("Value", "Waarde")))
                .Append("</th><th>").Append(E(L("Unit", "Eenheid"))).Append("</th><th>").Append(E(L("Note", "Toelichting"))).Append("</th><th>").Append(E(L("Event id", "Event-id")))
                .Append("</th></tr></thead>\n<tbody>\n");
            foreach (var a in report.Assumptions)
                h.Append("<tr><th scope=\"row\"><code>").Append(E(a.Name)).Append("</code></th><td class=\"num\">").Append(E(f.Number(a.Value, "#,##0.##")))
                    .Append("</td><td>").Append(E(a.Unit ?? "—")).Append("</td><td>").Append(E(a.Note ?? "")).Append("</td><td><code>")
                    .Append(E(a.EventId)).Append("</code></td></tr>\n");
            if (report.Assumptions.Count == 0)
                h.Append("<tr><td colspan=\"5\">").Append(E(L("No assumption was used (no programme computed).", "Er is geen aanname gebruikt (geen programma berekend)."))).Append("</td></tr>\n");
            h.Append("</tbody>\n</table>\n</section>\n");
        }

        private void Caveats()
        {
            h.Append("<section id=\"caveats\">\n<h2>").Append(E(L("Caveats", "Kanttekeningen"))).Append("</h2>\n<p><strong>").Append(E(L("Design.", "Opzet."))).Append("</strong> ")
                .Append(E(A(report.Programmes.FirstOrDefault()?.Design ?? RoiCalculator.Design))).Append(' ')
                .Append(E(L("People are matched on role only. These figures show association, not proof that the programmes caused the differences.",
                    "Medewerkers worden alleen op functie vergeleken. Deze cijfers tonen samenhang, geen bewijs dat de programma's de verschillen veroorzaakten.")))
                .Append("</p>\n<ul>\n");
            var caveats = report.Programmes.SelectMany(p => p.Caveats).Distinct(StringComparer.Ordinal).Select(A).ToList();
            caveats.Add(L($"Small groups: retention groups with fewer than {report.Retention.MinGroupSize} people and skill-gap cells with fewer than " +
                          $"{report.Gaps.MinMembers} people are not shown, to protect individuals and because their figures are unreliable.",
                          $"Kleine groepen: behoudgroepen met minder dan {report.Retention.MinGroupSize} medewerkers en tekortcellen met minder dan " +
                          $"{report.Gaps.MinMembers} medewerkers worden niet getoond, om personen te beschermen en omdat hun cijfers onbetrouwbaar zijn."));
            caveats.Add(L("Skill growth and skill gaps reflect the ledger as it stands now, not as of the report date.",
                "Groei en tekorten geven het grootboek weer zoals het nu is, niet op de rapportdatum."));
            caveats.AddRange(report.Retention.Notes.Select(n => L("Retention analysis: ", "Behoudanalyse: ") + A(n) + "."));
            foreach (var c in caveats) h.Append("<li>").Append(E(c)).Append("</li>\n");
            h.Append("</ul>\n</section>\n");
        }
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
