using System.Security.Claims;
using SkillsLedger.Access;
using SkillsLedger.Charts;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Gaps;
using SkillsLedger.Infrastructure;
using SkillsLedger.SkillLevels;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /people/{personId} — one person's levels on each skill with its scale (the figures of GET
/// /api/people/{personId}/skills: the same evidence and rule), their gaps against their role, their levels over the
/// last two years, and, for those allowed to see it, the lineage of each level. An employee sees only their own page;
/// every view is written to the access log like the API's person routes.
/// </summary>
public static class PersonPage
{
    public const string Route = "/people/{personId}";

    public static readonly Text[] Texts =
    [
        ("person.title", "Skills of {0}", "Vaardigheden van {0}"),
        ("person.levels", "Levels", "Niveaus"),
        ("person.levels.intro", "Level on each skill from the rule weighted-recency v1: a weighted mean of the assessments, newer and stronger evidence counting more.",
            "Niveau per vaardigheid volgens de regel weighted-recency v1: een gewogen gemiddelde van de beoordelingen, waarin recenter en sterker bewijs zwaarder telt."),
        ("person.skill", "Skill", "Vaardigheid"),
        ("person.level", "Level", "Niveau"),
        ("person.scale", "Scale", "Schaal"),
        ("person.assessments", "Assessments", "Beoordelingen"),
        ("person.last", "Last assessed", "Laatst beoordeeld"),
        ("person.lineage", "How it was derived", "Hoe het is afgeleid"),
        ("person.lineage.link", "events behind this level", "gebeurtenissen achter dit niveau"),
        ("person.none", "No skill evidence up to this date.", "Geen bewijs van vaardigheden tot deze datum."),
        ("person.gaps", "Against the role profile", "Ten opzichte van het functieprofiel"),
        ("person.target", "Target", "Streefniveau"),
        ("person.gap", "Gap", "Tekort"),
        ("person.gaps.none", "No role profile for the current role, or not currently employed.", "Geen functieprofiel voor de huidige functie, of niet meer in dienst."),
        ("person.history", "Levels over the last two years", "Niveaus over de afgelopen twee jaar"),
        ("person.history.ylabel", "Level (own scale of each skill)", "Niveau (eigen schaal per vaardigheid)"),
        ("person.history.caption", "Level at each month end from the evidence recorded by now; the table below holds the same figures a year apart.",
            "Niveau aan het eind van elke maand uit het bewijs dat nu is vastgelegd; de tabel eronder geeft dezelfde cijfers per jaar."),
        ("person.history.ago24", "24 months earlier", "24 maanden eerder"),
        ("person.history.ago12", "12 months earlier", "12 maanden eerder"),
        ("person.history.now", "On the date shown", "Op de peildatum"),
        ("person.fit", "Fit for each role", "Geschiktheid per functie"),
        ("person.fit.intro", "Fit = Σ min(level, required) / Σ required over the role's required skills, each on 0–1 of its scale (never assessed = 0). The five best-fitting roles:",
            "Geschiktheid = Σ min(niveau, vereist) / Σ vereist over de vereiste vaardigheden van de functie, elk op 0–1 van de eigen schaal (nooit beoordeeld = 0). De vijf best passende functies:"),
        ("person.fit.role", "Role", "Functie"),
        ("person.fit.fit", "Fit", "Geschiktheid"),
        ("person.fit.reached", "Skills reached", "Vaardigheden op niveau"),
        ("person.fit.gaps", "Largest gaps (levels)", "Grootste tekorten (niveaus)"),
        ("person.fit.current", "current role", "huidige functie"),
        ("person.fit.none", "No role profiles on the ledger.", "Geen functieprofielen in het grootboek."),
        ("person.routes", "Routes to a next role", "Routes naar een volgende functie"),
        ("person.routes.intro", "Roles ranked by 0.6 × fit + 0.25 × how often people here moved there from your role + 0.15 × open strategic headcount. Each step: a skill to close, with how long people in this ledger took to make the same step (median and interquartile range, n).",
            "Functies gerangschikt op 0,6 × geschiktheid + 0,25 × hoe vaak mensen hier vanuit uw functie daarheen gingen + 0,15 × open strategische vraag. Elke stap: een vaardigheid om te sluiten, met hoe lang mensen in dit grootboek over dezelfde stap deden (mediaan en interkwartielafstand, n)."),
        ("person.routes.none", "No route: no other role profile, or not employed at this date.", "Geen route: geen ander functieprofiel, of niet in dienst op deze datum."),
        ("person.routes.role", "{0}. {1} — score {2}, fit {3}", "{0}. {1} — score {2}, geschiktheid {3}"),
        ("person.routes.step", "Step", "Stap"),
        ("person.routes.knowledge", "To the required level", "Naar het vereiste niveau"),
        ("person.routes.mastery", "To the top of the scale", "Naar de top van de schaal"),
        ("person.routes.courses", "Suggested courses", "Voorgestelde cursussen"),
        ("person.routes.months", "{0} months (IQR {1}–{2}), {3} h learning, n = {4}", "{0} maanden (IKA {1}–{2}), {3} u leren, n = {4}"),
        ("person.routes.noevidence", "no one here made this step yet", "nog niemand hier zette deze stap"),
        ("person.path", "Personal learning path", "Persoonlijk leerpad"),
        ("person.path.intro", "Gaps on the current role and on strategic targets in scope, most urgent first (gap × (1 + strategic targets naming the skill)); up to three courses each, chosen by the level gain per learning hour of similar people (n, 95 % interval), or from the catalogue when fewer than the minimum took it.",
            "Tekorten op de huidige functie en op strategische doelen binnen bereik, de urgentste eerst (tekort × (1 + strategische doelen met deze vaardigheid)); per tekort tot drie cursussen, gekozen op niveauwinst per leeruur bij vergelijkbare medewerkers (n, 95%-interval), of uit de catalogus als te weinig mensen ze volgden."),
        ("person.path.none", "No gaps to close.", "Geen tekorten om te sluiten."),
        ("person.path.catalogue", "catalogue only, no evidence yet", "alleen catalogus, nog geen bewijs"),
        ("person.path.gain", "+{0} levels per hour (95 % {1} to {2}), n = {3}", "+{0} niveaus per uur (95% {1} tot {2}), n = {3}"),
    ];

    public static async Task<IResult> GetAsync(string personId, HttpContext http, ClaimsPrincipal user, LedgerDatabase db, PersonEvidenceQuery evidenceQuery, FigureCache figures,
        TimeProvider clock, CancellationToken ct)
    {
        if (!DashboardAccess.MayReadPerson(user, personId))
            return await Message(http, "forbidden.title", "forbidden.text", StatusCodes.Status403Forbidden);
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var known = clock.GetUtcNow();
        var org = user.Organisation();
        var (found, _, scales) = await evidenceQuery.LoadAsync(org, personId, null, ct);
        var gaps = await GapQuery.ForPersonAsync(db, org, personId, ct);
        if (found is null && gaps is null)
            return await Message(http, "notfound.title", "notfound.text", StatusCodes.Status404NotFound);
        await AccessLog.RecordAsync(http, Route);

        var levels = found is null ? [] : found.Skills.Select(s => found.Derive(s, asOf, known, explain: false)).Where(d => d.Level is not null).ToList();
        return await Page<PersonView>(http, t, string.Format(t["person.title"], personId), "nav.person", new Dictionary<string, object?>
        {
            [nameof(PersonView.T)] = t,
            [nameof(PersonView.Person)] = Segment(personId),
            [nameof(PersonView.AsOf)] = asOf,
            [nameof(PersonView.Levels)] = levels,
            [nameof(PersonView.Scales)] = scales,
            [nameof(PersonView.Lineage)] = DashboardAccess.MayReadLineage(user, personId),
            [nameof(PersonView.Gaps)] = gaps,
            [nameof(PersonView.History)] = found is not null && levels.Count > 0 ? History(t, found, levels.Select(d => d.Skill).ToList(), asOf, known) : null,
            // The queries of GET /api/people/{personId}/fit, /routes and /learning-path.
            [nameof(PersonView.Fit)] = await Careers.FitQuery.ForPersonAsync(db, org, personId, asOf, ct),
            [nameof(PersonView.Routes)] = await Careers.RoutesQuery.ForPersonAsync(db, org, personId, asOf, 3, ct, figures: figures),
            [nameof(PersonView.Path)] = await Careers.LearningPathQuery.ForPersonAsync(db, org, personId, asOf, OverviewPage.MinGroupSize, ct, figures: figures),
        }, asOf);
    }

    public static string ScaleText(SkillScale? scale) => scale is null ? "—" : $"{scale.Min:0.##}–{scale.Max:0.##}";

    /// <summary>Levels at the last 25 month ends up to asOf, as a chart and (a year apart) as a table.</summary>
    private static PersonView.LevelHistory History(DashboardLanguage t, PersonEvidence evidence, IReadOnlyList<string> skills, DateTimeOffset asOf, DateTimeOffset known)
    {
        var end = DateOnly.FromDateTime(asOf.UtcDateTime);
        var months = Enumerable.Range(0, 25).Select(i => new DateOnly(end.Year, end.Month, 1).AddMonths(i - 24)).ToList();
        DateTimeOffset MonthEnd(DateOnly m) => new DateTimeOffset(m.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1) is var e && e > asOf ? asOf : e;
        double? At(string skill, DateTimeOffset at) => evidence.Derive(skill, at, known, explain: false).Level;
        var series = skills.Select(s => new LevelSeries(s, months.Select(m => (m, At(s, MonthEnd(m)))).Where(p => p.Item2 is not null)
            .Select(p => (p.m, p.Item2!.Value)).ToList())).ToList();
        var chart = LevelHistoryChart.Render(new LevelHistoryData(t["person.history"], series, t["person.history.ylabel"], m => $"{t.MonthShort(m)} {m.Year}", Words: t.ChartWords));
        return new(chart, [.. skills.Select(s => (s, At(s, asOf.AddYears(-2)), At(s, asOf.AddYears(-1)), At(s, asOf)))]);
    }
}
