using System.Security.Claims;
using System.Text;
using SkillsLedger.Charts;
using SkillsLedger.Effectiveness;
using SkillsLedger.Infrastructure;
using SkillsLedger.Roi;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /programmes?by=modality|course|program|category — per programme its costs and ROI in both scenarios with the
/// assumptions used (each with the event that set it), then which learning works (the effectiveness analysis as a
/// forest plot and a table). The figures of GET /api/analytics/roi and /api/analytics/effectiveness, same code.
/// </summary>
public static class ProgrammesPage
{
    public static readonly Text[] Texts =
    [
        ("programmes.title", "Programmes", "Programma's"),
        ("programmes.roi", "Costs and return on investment", "Kosten en rendement"),
        ("programmes.roi.intro", "Expected: point estimates. Conservative: 95 % lower bounds of every benefit, floored at zero. Costs: programme spend plus learners' hours at the loaded hourly cost.",
            "Verwacht: puntschattingen. Voorzichtig: 95%-ondergrenzen van elke opbrengst, niet lager dan nul. Kosten: programma-uitgaven plus uren van deelnemers tegen het integrale uurtarief."),
        ("programmes.costs", "Costs", "Kosten"),
        ("programmes.hours", "Learning hours", "Leeruren"),
        ("programmes.benefits", "Benefits (expected / conservative)", "Opbrengst (verwacht / voorzichtig)"),
        ("programmes.payback", "Payback (months, expected)", "Terugverdientijd (maanden, verwacht)"),
        ("programmes.assumptions", "Assumptions used", "Gebruikte aannames"),
        ("programmes.assumption", "Assumption", "Aanname"),
        ("programmes.value", "Value", "Waarde"),
        ("programmes.event", "Set by event", "Vastgelegd in gebeurtenis"),
        ("programmes.notcomputed", "Not computed", "Niet berekend"),
        ("programmes.effect", "Which learning works", "Welk leren werkt"),
        ("programmes.effect.by", "Compare by", "Vergelijken per"),
        ("programmes.effect.by.modality", "format", "leervorm"),
        ("programmes.effect.by.course", "course", "cursus"),
        ("programmes.effect.by.program", "programme", "programma"),
        ("programmes.effect.by.category", "skill category", "vaardigheidscategorie"),
        ("programmes.effect.chart", "Level gain beyond comparable colleagues", "Niveauwinst boven vergelijkbare collega's"),
        ("programmes.effect.xlabel", "Points of the skill's scale after {0} days", "Punten op de schaal van de vaardigheid na {0} dagen"),
        ("programmes.effect.legend", "Dot: mean difference · line: 95 % interval · dashed: no difference · n = people", "Punt: gemiddeld verschil · lijn: 95%-interval · streepjes: geen verschil · n = medewerkers"),
        ("programmes.effect.caption", "Each completion's level change over {0} days minus that of colleagues in the same role without a course on the skill; the mean over people with a 95 % interval; groups under {1} people left out. “n.s.”: the interval includes no difference.",
            "Niveauverandering over {0} dagen na elke afronding min die van collega's in dezelfde functie zonder cursus op de vaardigheid; gemiddelde over medewerkers met 95%-interval; groepen onder {1} medewerkers weggelaten. “n.s.”: het interval omvat geen verschil."),
        ("programmes.effect.group", "Group", "Groep"),
        ("programmes.effect.completions", "Completions", "Afrondingen"),
        ("programmes.effect.people", "People", "Medewerkers"),
        ("programmes.effect.mean", "Mean gain (points)", "Gemiddelde winst (punten)"),
        ("programmes.effect.perhour", "Per learning hour", "Per leeruur"),
        ("programmes.effect.threats", "Read with care", "Lees met zorg"),
        // English: the analysis' own text (the API gives the same); Dutch: its translation.
        ("programmes.effect.threats.text", EffectivenessAnalysis.Threats,
            "Geen gerandomiseerde vergelijking: mensen kiezen zelf cursussen of worden erheen gestuurd (selectie), worden rond een cursus misschien vaker beoordeeld (meting), en collega's in dezelfde functie verschillen nog steeds. Een positief verschil is een aanwijzing, geen bewijs, dat de cursus het veroorzaakte."),
        ("programmes.participation", "Who takes part, by generation", "Wie doet mee, per generatie"),
        ("programmes.participation.intro", "Share of the people employed in each year with at least one completed course in it (95 % interval; participants / people). Generation from the year of birth; unknown when none was stated or the person's data was erased. Generations differ in role and tenure too: this describes, it does not explain.",
            "Aandeel van de medewerkers in dienst in elk jaar met minstens één afgeronde cursus in dat jaar (95%-interval; deelnemers / medewerkers). Generatie volgens geboortejaar; onbekend als dat niet is opgegeven of de gegevens zijn gewist. Generaties verschillen ook in functie en diensttijd: dit beschrijft, het verklaart niet."),
        ("programmes.generation", "Generation", "Generatie"),
        ("generation.baby boomers", "Baby boomers (≤ 1964)", "Babyboomers (≤ 1964)"),
        ("generation.gen x", "Gen X (1965–1980)", "Generatie X (1965–1980)"),
        ("generation.millennials", "Millennials (1981–1996)", "Millennials (1981–1996)"),
        ("generation.gen z", "Gen Z (≥ 1997)", "Generatie Z (≥ 1997)"),
        ("generation.unknown", "Unknown", "Onbekend"),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, RoiDataCache cache, FigureCache figures, TimeProvider clock,
        CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var org = user.Organisation();
        var by = Param(http.Request, "by") is { } b && EffectivenessAnalysis.Groupings.Contains(b) ? b : DashboardFigures.DefaultEffectivenessGrouping;
        var roiData = await DashboardFigures.RoiDataAsync(figures, db, cache, org, ct);
        var (roi, notComputed) = roiData.ComputeAll(roiData.Programmes, asOf, OverviewPage.MinGroupSize, ct);
        var names = await ProgrammeNames.LoadAsync(db, org, ct);
        var effect = await DashboardFigures.EffectivenessAsync(figures, db, org, asOf, by, ct);

        var body = new StringBuilder($"<h2>{E(t["programmes.roi"])}</h2><p>{E(t["programmes.roi.intro"])}</p>");
        body.Append($"""<div class="scroll"><table id="roi"><thead><tr><th scope="col">{E(t["overview.roi.programme"])}</th><th scope="col" class="num">{E(t["overview.roi.learners"])}</th><th scope="col" class="num">{E(t["programmes.hours"])}</th><th scope="col" class="num">{E(t["programmes.costs"])}</th><th scope="col" class="num">{E(t["programmes.benefits"])}</th><th scope="col" class="num">{E(t["overview.roi.expected"])}</th><th scope="col" class="num">{E(t["overview.roi.conservative"])}</th><th scope="col" class="num">{E(t["programmes.payback"])}</th></tr></thead><tbody>""");
        foreach (var p in roi.OrderBy(p => p.ProgramId, StringComparer.Ordinal))
        {
            var money = p.Costs.Currency;
            body.Append($"""<tr data-program="{E(p.ProgramId)}"><th scope="row">{Programme(names, p.ProgramId)}</th><td class="num">{t.Number(p.Learners)}</td><td class="num">{E(t.Number(p.Costs.LearningHours, 1))}</td><td class="num">{E(money)} {E(t.Number(p.Costs.Total))}</td><td class="num">{E(money)} {E(t.Number(p.Expected.Benefits))} / {E(t.Number(p.Conservative.Benefits))}</td><td class="num">{E(Roi(t, p.Expected.RoiPercent))}</td><td class="num">{E(Roi(t, p.Conservative.RoiPercent))}</td><td class="num">{E(p.Expected.PaybackMonths is { } m ? t.Number(m, 1) : "—")}</td></tr>""");
        }
        foreach (var p in notComputed)
            body.Append($"""<tr><th scope="row">{Programme(names, p.ProgramId)}</th><td colspan="7">{E(t["programmes.notcomputed"])}: {E(p.Field)} — {E(t.Code == "nl" ? SkillsLedger.Reports.AnalysisWordsDutch.Translate(p.Reason) : p.Reason)}</td></tr>""");
        body.Append("</tbody></table></div>");

        var assumptions = roi.SelectMany(p => p.AssumptionsUsed).DistinctBy(a => a.EventId).ToList();
        if (assumptions.Count > 0)
        {
            body.Append($"""<h3>{E(t["programmes.assumptions"])}</h3><table id="assumptions"><thead><tr><th scope="col">{E(t["programmes.assumption"])}</th><th scope="col" class="num">{E(t["programmes.value"])}</th><th scope="col">{E(t["programmes.event"])}</th></tr></thead><tbody>""");
            foreach (var a in assumptions)
                body.Append($"""<tr><td>{E(a.Name)}{(a.Note is { Length: > 0 } note ? $"<br><span class=\"detail\">{E(note)}</span>" : "")}</td><td class="num">{E(t.Number(a.Value, 2))} {E(a.Unit)}</td><td><code>{E(a.EventId)}</code></td></tr>""");
            body.Append("</tbody></table>");
        }
        body.Append(Method(t, $"/api/analytics/roi?{AsOfQuery(asOf)}", "§ ROI"));

        body.Append($"<h2>{E(t["programmes.effect"])}</h2>");
        body.Append(Choice(t, asOf, "by", t["programmes.effect.by"], EffectivenessAnalysis.Groupings, by, "programmes.effect.by."));
        // Grouped by programme, a group is a programme id: shown by its name, as everywhere on the dashboard.
        string Group(string g) => by == "program" ? Programme(names, g) : E(g);
        var rows = effect.Groups.Where(g => !g.Suppressed && g.MeanEffect is not null)
            .Select(g => new ForestRow(by == "program" && names.TryGetValue(g.Group, out var name) ? name : g.Group, g.MeanEffect!.Value, g.CiLow, g.CiHigh, g.People)).ToList();
        var caption = string.Format(t["programmes.effect.caption"], effect.WindowDays, effect.MinGroupSize);
        if (rows.Count > 0)
            body.Append(DashboardHtml.Chart(ForestPlotChart.Render(new ForestPlotData(t["programmes.effect.chart"], rows,
                string.Format(t["programmes.effect.xlabel"], effect.WindowDays), t["programmes.effect.legend"], t.ChartWords)), t["programmes.effect.chart"], caption));
        body.Append($"""<table id="effect"><thead><tr><th scope="col">{E(t["programmes.effect.group"])}</th><th scope="col" class="num">{E(t["programmes.effect.completions"])}</th><th scope="col" class="num">{E(t["programmes.effect.people"])}</th><th scope="col" class="num">{E(t["programmes.effect.mean"])}</th><th scope="col">{E(t["ci95"])}</th><th scope="col" class="num">{E(t["programmes.effect.perhour"])}</th></tr></thead><tbody>""");
        foreach (var g in effect.Groups)
            body.Append(g.Suppressed || g.MeanEffect is null
                ? $"""<tr><th scope="row">{Group(g.Group)}</th><td class="num">{g.Completions}</td><td class="num">{g.People}</td><td colspan="3">{E(string.Format(t["suppressed"], effect.MinGroupSize))}</td></tr>"""
                : $"""<tr><th scope="row">{Group(g.Group)}</th><td class="num">{g.Completions}</td><td class="num">{g.People}</td><td class="num" data-group="{E(g.Group)}">{E(TeamPage.Signed(t, g.MeanEffect))}</td><td>{E(TeamPage.Signed(t, g.CiLow))} … {E(TeamPage.Signed(t, g.CiHigh))}</td><td class="num">{E(g.EffectPerHour is { } h ? TeamPage.Signed(t, h) : "—")}</td></tr>""");
        body.Append("</tbody></table>");
        body.Append($"<h3>{E(t["programmes.effect.threats"])}</h3><p class=\"detail\">{E(t["programmes.effect.threats.text"])}</p>");
        body.Append(Method(t, $"/api/analytics/effectiveness?{AsOfQuery(asOf)}&by={by}", "§ 4b"));
        body.Append(await ParticipationAsync(t, figures, db, org, asOf, ct));
        return Html(Render(http, t, t["programmes.title"], "nav.programmes", body.ToString(), asOf));
    }

    /// <summary>Who takes part: the share of each generation with a completion in each of the last three years.</summary>
    private static async Task<string> ParticipationAsync(DashboardLanguage t, FigureCache figures, LedgerDatabase db, string org, DateTimeOffset asOf,
        CancellationToken ct)
    {
        var view = await Participation.ParticipationEndpoint.AnalyseAsync(figures, db, org, asOf, "generation", OverviewPage.MinGroupSize, ct);
        var years = view.Years.Select(y => y.To).Distinct().OrderByDescending(d => d).ToList();
        var html = new StringBuilder($"<h2>{E(t["programmes.participation"])}</h2><p>{E(t["programmes.participation.intro"])}</p>");
        html.Append($"""<table id="participation"><thead><tr><th scope="col">{E(t["programmes.generation"])}</th>""");
        foreach (var y in years) html.Append($"""<th scope="col" class="num">{E(t.Date(y.AddYears(-1)))} – {E(t.Date(y))}</th>""");
        html.Append("</tr></thead><tbody>");
        foreach (var g in Analytics.People.Generation.All.Where(g => view.Years.Any(y => y.Group == g)))
        {
            html.Append($"""<tr><th scope="row">{E(t["generation." + g])}</th>""");
            foreach (var y in years)
            {
                var cell = view.Years.FirstOrDefault(v => v.Group == g && v.To == y);
                html.Append(cell is null ? "<td></td>" : cell.Suppressed
                    ? $"""<td class="num">n = {cell.N}: {E(string.Format(t["suppressed"], view.MinGroupSize))}</td>"""
                    : $"""<td class="num" data-group="{E(g)}">{E(t.Percent(cell.Share))} <span class="detail">({E(t.Interval(cell.CiLow, cell.CiHigh))}; {cell.Participants}/{cell.N})</span></td>""");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return html.Append(Method(t, $"/api/analytics/participation?{AsOfQuery(asOf)}&by=generation", "§ 4c")).ToString();
    }

    private static string Roi(DashboardLanguage t, double? percent) => percent is { } p ? t.Percent(p / 100) : "—";
}
