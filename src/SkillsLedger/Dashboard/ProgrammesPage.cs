using System.Security.Claims;
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
        ("programmes.assumptions", "Assumptions used", "Gebruikte aannames"),
        ("programmes.effect", "Which learning works", "Welk leren werkt"),
        ("programmes.effect.by", "Compare by", "Vergelijken per"),
        ("programmes.effect.by.modality", "format", "leervorm"),
        ("programmes.effect.by.course", "course", "cursus"),
        ("programmes.effect.by.program", "programme", "programma"),
        ("programmes.effect.by.category", "skill category", "vaardigheidscategorie"),
        ("programmes.effect.chart", "Level gain beyond comparable colleagues", "Niveauwinst boven vergelijkbare collega's"),
        ("programmes.effect.threats", "Read with care", "Lees met zorg"),
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

        var participation = await Participation.ParticipationQuery.AnalyseAsync(figures, db, org, asOf, "generation", OverviewPage.MinGroupSize, ct);

        return await Page<ProgrammesView>(http, t, t["programmes.title"], "nav.programmes", new Dictionary<string, object?>
        {
            [nameof(ProgrammesView.T)] = t,
            [nameof(ProgrammesView.AsOf)] = asOf,
            [nameof(ProgrammesView.Roi)] = roi,
            [nameof(ProgrammesView.NotComputed)] = notComputed,
            [nameof(ProgrammesView.Names)] = names,
            [nameof(ProgrammesView.Effect)] = effect,
            [nameof(ProgrammesView.Participation)] = participation,
        }, asOf);
    }
}
