using System.Security.Claims;
using System.Text;
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

    public static async Task<IResult> GetAsync(string personId, HttpContext http, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock,
        CancellationToken ct)
    {
        if (!DashboardAccess.MayReadPerson(user, personId))
            return Message(http, "forbidden.title", "forbidden.text", StatusCodes.Status403Forbidden);
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var known = clock.GetUtcNow();
        var org = user.Organisation();
        var (found, _, scales) = await PersonEvidenceQuery.LoadAsync(db, org, personId, null, ct);
        var gaps = await GapQuery.ForPersonAsync(db, org, personId, ct);
        if (found is null && gaps is null)
            return Message(http, "notfound.title", "notfound.text", StatusCodes.Status404NotFound);
        await AccessLog.RecordAsync(http, Route);

        var lineage = DashboardAccess.MayReadLineage(user, personId);
        var levels = found is null ? [] : found.Skills.Select(s => found.Derive(s, asOf, known)).Where(d => d.Level is not null).ToList();
        var body = new StringBuilder($"<h2>{E(t["person.levels"])}</h2><p>{E(t["person.levels.intro"])}</p>");
        if (levels.Count == 0) body.Append($"<p>{E(t["person.none"])}</p>");
        else
        {
            body.Append($"""<table id="levels"><thead><tr><th scope="col">{E(t["person.skill"])}</th><th scope="col" class="num">{E(t["person.level"])}</th><th scope="col">{E(t["person.scale"])}</th><th scope="col" class="num">{E(t["person.assessments"])}</th><th scope="col">{E(t["person.last"])}</th>{(lineage ? $"<th scope=\"col\">{E(t["person.lineage"])}</th>" : "")}</tr></thead><tbody>""");
            foreach (var d in levels)
            {
                var scale = scales.GetValueOrDefault(d.Skill);
                var link = lineage ? $"""<td><a href="/people/{Segment(personId)}/skills/{Segment(d.Skill)}?{AsOfQuery(asOf)}">{E(t["person.lineage.link"])}</a></td>""" : "";
                body.Append($"""<tr><th scope="row">{E(d.Skill)}</th><td class="num" data-skill="{E(d.Skill)}">{E(t.Number(d.Level!.Value, 2))}</td><td>{E(ScaleText(scale))}</td><td class="num">{d.Assessments}</td><td>{E(d.LastAssessedAt is { } at ? t.Date(at) : "—")}</td>{link}</tr>""");
            }
            body.Append("</tbody></table>");
            body.Append(Method(t, $"/api/people/{Segment(personId)}/skills?{AsOfQuery(asOf)}", "docs/derivation.md"));
        }

        body.Append($"<h2>{E(t["person.gaps"])}</h2>");
        if (gaps is not { Count: > 0 }) body.Append($"<p>{E(t["person.gaps.none"])}</p>");
        else
        {
            body.Append($"""<p class="detail">{E(t["current"])}</p><table id="gaps"><thead><tr><th scope="col">{E(t["person.skill"])}</th><th scope="col" class="num">{E(t["person.level"])}</th><th scope="col" class="num">{E(t["person.target"])}</th><th scope="col" class="num">{E(t["person.gap"])}</th></tr></thead><tbody>""");
            foreach (var g in gaps)
                body.Append($"""<tr><th scope="row">{E(g.Skill)}</th><td class="num">{E(g.Level is { } l ? t.Number(l, 2) : t["team.notassessed"])}</td><td class="num">{E(t.Number(g.Target, 0))}</td><td class="num">{(g.Gap > 0 ? "▼ " : "")}{E(t.Number(g.Gap, 2))}</td></tr>""");
            body.Append("</tbody></table>").Append(Method(t, $"/api/people/{Segment(personId)}/gaps"));
        }

        if (found is not null && levels.Count > 0) body.Append(History(t, found, levels.Select(d => d.Skill).ToList(), asOf, known));
        body.Append(await FitAsync(t, db, org, personId, asOf, ct));
        body.Append(await RoutesAsync(t, db, figures, org, personId, asOf, ct));
        body.Append(await LearningPathAsync(t, db, figures, org, personId, asOf, ct));
        return Html(Render(http, t, string.Format(t["person.title"], personId), "nav.person", body.ToString(), asOf));
    }

    /// <summary>The five best-fitting roles (GET /api/people/{personId}/fit: the same FitQuery).</summary>
    private static async Task<string> FitAsync(DashboardLanguage t, LedgerDatabase db, string org, string personId, DateTimeOffset asOf, CancellationToken ct)
    {
        var html = new StringBuilder($"<h2>{E(t["person.fit"])}</h2>");
        var fit = await Careers.FitQuery.ForPersonAsync(db, org, personId, asOf, ct);
        if (fit is null || fit.Roles.Count == 0) return html.Append($"<p>{E(t["person.fit.none"])}</p>").ToString();
        html.Append($"""<p>{E(t["person.fit.intro"])}</p><table id="fit"><thead><tr><th scope="col" class="num">#</th><th scope="col">{E(t["person.fit.role"])}</th><th scope="col" class="num">{E(t["person.fit.fit"])}</th><th scope="col" class="num">{E(t["person.fit.reached"])}</th><th scope="col">{E(t["person.fit.gaps"])}</th></tr></thead><tbody>""");
        foreach (var r in fit.Roles.Take(5))
        {
            var gaps = string.Join(", ", r.Gaps.OrderByDescending(g => g.FitShare).Take(3).Select(g => $"{g.Skill} {t.Number(g.Gap, 2)}"));
            html.Append($"""<tr data-role="{E(r.Role)}"><td class="num">{r.Rank}</td><th scope="row">{E(r.Role)}{(r.Current ? $" ({E(t["person.fit.current"])})" : "")}</th><td class="num">{E(t.Percent(r.Fit))}</td><td class="num">{r.SkillsReached}/{r.RequiredSkills}</td><td>{E(gaps.Length > 0 ? gaps : "—")}</td></tr>""");
        }
        html.Append("</tbody></table>");
        return html.Append(Method(t, $"/api/people/{Segment(personId)}/fit?{AsOfQuery(asOf)}", "§ Role fit")).ToString();
    }

    /// <summary>The top three next roles with their steps (GET /api/people/{personId}/routes: the same RoutesQuery).</summary>
    private static async Task<string> RoutesAsync(DashboardLanguage t, LedgerDatabase db, FigureCache figures, string org, string personId, DateTimeOffset asOf,
        CancellationToken ct)
    {
        var html = new StringBuilder($"<h2>{E(t["person.routes"])}</h2>");
        var view = await Careers.RoutesQuery.ForPersonAsync(db, org, personId, asOf, 3, ct, figures: figures);
        if (view is null || view.Routes.Count == 0) return html.Append($"<p>{E(t["person.routes.none"])}</p>").ToString();
        html.Append($"<p>{E(t["person.routes.intro"])}</p>");
        string Estimate(Careers.StepEstimate e) => e.Months is { } m
            ? string.Format(t["person.routes.months"], t.Number(m.Median, 1), t.Number(m.P25, 1), t.Number(m.P75, 1), t.Number(e.LearningHours?.Median ?? 0, 0), m.N)
            : t["person.routes.noevidence"];
        foreach (var r in view.Routes)
        {
            html.Append($"""<section class="route" data-role="{E(r.Role)}"><h3>{E(string.Format(t["person.routes.role"], r.Rank, r.Role, t.Number(r.Score, 2), t.Percent(r.Fit)))}</h3>""");
            html.Append($"""<p class="why">{E(Why(t, r.Explanation, r.ExplanationNl))}</p>""");
            if (r.Steps.Count == 0) { html.Append("</section>"); continue; }
            html.Append($"""<table class="steps"><thead><tr><th scope="col" class="num">{E(t["person.routes.step"])}</th><th scope="col">{E(t["person.skill"])}</th><th scope="col" class="num">{E(t["person.level"])}</th><th scope="col" class="num">{E(t["person.target"])}</th><th scope="col">{E(t["person.routes.knowledge"])}</th><th scope="col">{E(t["person.routes.mastery"])}</th><th scope="col">{E(t["person.routes.courses"])}</th></tr></thead><tbody>""");
            foreach (var s in r.Steps)
                html.Append($"""<tr><td class="num">{s.Order}</td><th scope="row">{E(s.Skill)}{(s.Strategic ? " ★" : "")}</th><td class="num">{E(s.Level is { } l ? t.Number(l, 2) : t["team.notassessed"])}</td><td class="num">{E(t.Number(s.Required, 0))}</td><td>{E(Estimate(s.ToKnowledge))}</td><td>{E(Estimate(s.ToMastery))}</td><td>{E(string.Join(", ", s.Courses.Select(c => c.Name)))}</td></tr>""");
            html.Append("</tbody></table></section>");
        }
        return html.Append(Method(t, $"/api/people/{Segment(personId)}/routes?{AsOfQuery(asOf)}", "§ Career routes")).ToString();
    }

    /// <summary>The gaps to close and the courses for each (GET /api/people/{personId}/learning-path: the same LearningPathQuery).</summary>
    private static async Task<string> LearningPathAsync(DashboardLanguage t, LedgerDatabase db, FigureCache figures, string org, string personId, DateTimeOffset asOf, CancellationToken ct)
    {
        var html = new StringBuilder($"<h2>{E(t["person.path"])}</h2>");
        var view = await Careers.LearningPathQuery.ForPersonAsync(db, org, personId, asOf, OverviewPage.MinGroupSize, ct, figures: figures);
        if (view is null || view.Items.Count == 0) return html.Append($"<p>{E(t["person.path.none"])}</p>").ToString();
        html.Append($"""<p>{E(t["person.path.intro"])}</p><ol id="path">""");
        foreach (var i in view.Items)
        {
            html.Append($"""<li data-skill="{E(i.Skill)}"><strong>{E(i.Skill)}</strong>: {E(i.Level is { } l ? t.Number(l, 2) : t["team.notassessed"])} → {E(t.Number(i.Required, 0))}{(i.Goals.Count > 0 ? " ★ " + E(string.Join(", ", i.Goals)) : "")}<ul>""");
            html.Append($"""<li class="why">{E(Why(t, i.Explanation, i.ExplanationNl))}</li>""");
            foreach (var c in i.Courses)
                html.Append($"""<li>{E(c.Name)} ({E(t.Number(c.Hours, 1))} h): {E(c.GainPerHour is { } g ? string.Format(t["person.path.gain"], t.Number(g, 3), c.CiLow is { } lo ? t.Number(lo, 3) : "—", c.CiHigh is { } hi ? t.Number(hi, 3) : "—", c.People) : t["person.path.catalogue"])}</li>""");
            html.Append("</ul></li>");
        }
        html.Append("</ol>");
        return html.Append(Method(t, $"/api/people/{Segment(personId)}/learning-path?{AsOfQuery(asOf)}", "§ Learning path")).ToString();
    }

    /// <summary>The explanation a suggestion carries (the API gives both), in the page's language.</summary>
    private static string Why(DashboardLanguage t, string english, string dutch) => t.Code == "nl" ? dutch : english;

    public static string ScaleText(SkillScale? scale) => scale is null ? "—" : $"{scale.Min:0.##}–{scale.Max:0.##}";

    /// <summary>Levels at the last 25 month ends up to asOf, as a chart and (a year apart) as a table.</summary>
    private static string History(DashboardLanguage t, PersonEvidence evidence, IReadOnlyList<string> skills, DateTimeOffset asOf, DateTimeOffset known)
    {
        var end = DateOnly.FromDateTime(asOf.UtcDateTime);
        var months = Enumerable.Range(0, 25).Select(i => new DateOnly(end.Year, end.Month, 1).AddMonths(i - 24)).ToList();
        DateTimeOffset MonthEnd(DateOnly m) => new DateTimeOffset(m.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1) is var e && e > asOf ? asOf : e;
        double? At(string skill, DateTimeOffset at) => evidence.Derive(skill, at, known).Level;
        var series = skills.Select(s => new LevelSeries(s, months.Select(m => (m, At(s, MonthEnd(m)))).Where(p => p.Item2 is not null)
            .Select(p => (p.m, p.Item2!.Value)).ToList())).ToList();
        var chart = LevelHistoryChart.Render(new LevelHistoryData(t["person.history"], series, t["person.history.ylabel"], m => $"{t.MonthShort(m)} {m.Year}", Words: t.ChartWords));
        var html = new StringBuilder($"<h2>{E(t["person.history"])}</h2>");
        html.Append(Chart(chart, t["person.history"], t["person.history.caption"]));
        html.Append($"""<table id="history"><thead><tr><th scope="col">{E(t["person.skill"])}</th><th scope="col" class="num">{E(t["person.history.ago24"])}</th><th scope="col" class="num">{E(t["person.history.ago12"])}</th><th scope="col" class="num">{E(t["person.history.now"])}</th></tr></thead><tbody>""");
        foreach (var s in skills)
        {
            string Cell(DateTimeOffset at) => At(s, at) is { } l ? t.Number(l, 2) : "—";
            html.Append($"""<tr><th scope="row">{E(s)}</th><td class="num">{E(Cell(asOf.AddYears(-2)))}</td><td class="num">{E(Cell(asOf.AddYears(-1)))}</td><td class="num">{E(Cell(asOf))}</td></tr>""");
        }
        return html.Append("</tbody></table>").ToString();
    }
}
