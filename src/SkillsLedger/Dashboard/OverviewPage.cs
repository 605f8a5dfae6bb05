using System.Security.Claims;
using System.Text;
using SkillsLedger.Infrastructure;
using SkillsLedger.Readiness;
using SkillsLedger.Retention;
using SkillsLedger.Roi;
using SkillsLedger.Strategy;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET / — the L&amp;D leader's first page: readiness, the strategic goals' status, each programme's ROI (expected and
/// conservative) and newcomer attrition, each with n and its interval. Every figure comes from the query service the
/// API uses (ReadinessQuery, StrategyQuery, RoiData/RoiCalculator, NewcomersQuery), so the page and the API cannot
/// disagree; each names the API route that gives the same figure with its method in full.
/// </summary>
public static class OverviewPage
{
    public const int MinGroupSize = 5;

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, RoiDataCache cache, FigureCache figures, TimeProvider clock,
        CancellationToken ct)
    {
        // "/" is everyone's start page: those who may not see the organisation go to their own home instead.
        if (!DashboardAccess.SeesOrganisation(user)) return Results.Redirect(DashboardAccess.Home(user));
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var org = user.Organisation();
        var readiness = await DashboardFigures.ReadinessAsync(figures, db, org, asOf, ct);
        var goals = await DashboardFigures.GoalsAsync(figures, db, org, asOf, clock, ct);
        var roiData = await DashboardFigures.RoiDataAsync(figures, db, cache, org, ct);
        var (roi, _) = roiData.ComputeAll(roiData.Programmes, asOf, MinGroupSize, ct);
        // The ROI data already holds everyone's employment history: no second read of it for the newcomers.
        var newcomers = NewcomersQuery.Analyse(roiData.People, asOf, "learner", 90, MinGroupSize).Overall;
        var growth = await Growth.GrowthQuery.QueryAsync(figures, db, org, "program", ct, MinGroupSize);
        var names = await ProgrammeNames.LoadAsync(db, org, ct);
        var q = Query(asOf);

        var body = new StringBuilder("<div class=\"cards\">");
        var r = readiness.Overall;
        body.Append(Card(t["overview.readiness"], t.Percent(r.Share), $"n = {t.Number(r.People)} {t["people"]}; {t["overview.interval"]} {t.Interval(r.CiLow, r.CiHigh)}",
            t["overview.readiness.detail"], "/api/analytics/readiness" + q, "readiness"));
        body.Append(Card(t["overview.newcomers"], t.Percent(newcomers.Share), $"n = {t.Number(newcomers.N)} {t["people"]}; {t["overview.interval"]} {t.Interval(newcomers.CiLow, newcomers.CiHigh)}",
            t["overview.newcomers.detail"], "/api/analytics/retention/newcomers" + q, "newcomers"));
        body.Append("</div>");

        body.Append($"<h2>{E(t["overview.goals"])}</h2>");
        if (goals.Goals.Count == 0) body.Append($"<p>{E(t["overview.goals.none"])}</p>");
        else
        {
            body.Append($"""<table id="goals"><thead><tr><th scope="col">{E(t["goal.goal"])}</th><th scope="col">{E(t["goal.due"])}</th><th scope="col">{E(t["goal.status"])}</th><th scope="col" class="num">{E(t["goal.probability"])}</th></tr></thead><tbody>""");
            foreach (var g in goals.Goals)
                body.Append($"""<tr><td>{E(g.Name)}</td><td>{E(t.Date(g.DueDate))}</td><td class="status-{g.Status.Replace(' ', '-')}">{E(t["status." + g.Status])}</td><td class="num">{E(t.Percent(g.ProbabilityMeet))}</td></tr>""");
            body.Append($"</tbody></table><p class=\"method\">{E(t["overview.method"])}: <a href=\"/api/strategy/goals{q}\">/api/strategy/goals</a></p>");
        }

        body.Append($"<h2>{E(t["overview.roi"])}</h2>");
        body.Append($"""<table id="roi"><thead><tr><th scope="col">{E(t["overview.roi.programme"])}</th><th scope="col" class="num">{E(t["overview.roi.learners"])}</th><th scope="col" class="num">{E(t["overview.roi.expected"])}</th><th scope="col" class="num">{E(t["overview.roi.conservative"])}</th></tr></thead><tbody>""");
        foreach (var p in roi.OrderBy(p => p.ProgramId, StringComparer.Ordinal))
            body.Append($"""<tr><td>{Programme(names, p.ProgramId)}</td><td class="num">{t.Number(p.Learners)}</td><td class="num">{E(RoiText(t, p.Expected.RoiPercent))}</td><td class="num">{E(RoiText(t, p.Conservative.RoiPercent))}</td></tr>""");
        body.Append($"</tbody></table><p class=\"method\">{E(t["overview.method"])}: <a href=\"/api/analytics/roi{q}\">/api/analytics/roi</a></p>");

        // Growth: current state of the ledger, as the API's growth route (it has no asOf).
        body.Append($"""<h2>{E(t["overview.growth"])}</h2><p class="detail">{E(t["overview.growth.detail"])}</p><table id="growth"><thead><tr><th scope="col">{E(t["overview.roi.programme"])}</th><th scope="col" class="num">n</th><th scope="col" class="num">{E(t["overview.growth.mean"])}</th><th scope="col">{E(t["overview.interval"])}</th></tr></thead><tbody>""");
        foreach (var g in growth)
            body.Append(g.Suppressed || g.MeanSlope is null
                ? $"""<tr><td>{(g.Group == "none" ? E(t["retention.none"]) : Programme(names, g.Group))}</td><td class="num">{g.N}</td><td colspan="2">{E(string.Format(t["suppressed"], MinGroupSize))}</td></tr>"""
                : $"""<tr><td>{(g.Group == "none" ? E(t["retention.none"]) : Programme(names, g.Group))}</td><td class="num">{g.N}</td><td class="num" data-group="{E(g.Group)}">{E(GrowthText(t, g.MeanSlope, g.Unit))}</td><td>{E(GrowthText(t, g.CiLow, g.Unit))} … {E(GrowthText(t, g.CiHigh, g.Unit))}</td></tr>""");
        body.Append($"</tbody></table><p class=\"method\">{E(t["overview.method"])}: <a href=\"/api/analytics/growth?by=program\">/api/analytics/growth</a></p>");

        return Html(Render(http, t, t["overview.title"], "nav.overview", body.ToString(), asOf));
    }

    /// <summary>Levels per year, or (when programmes mix scales) percentage points of the scale per year.</summary>
    private static string GrowthText(DashboardLanguage t, double? value, string unit) => value is not { } v ? "—"
        : unit == Growth.GrowthQuery.Unit ? $"{TeamPage.Signed(t, v)} {t["overview.growth.levels"]}" : $"{TeamPage.Signed(t, v * 100)} {t["overview.growth.points"]}";

    private static string RoiText(DashboardLanguage t, double? percent) => percent is { } p ? t.Percent(p / 100) : "—";

    private static string Query(DateTimeOffset asOf) => $"?asOf={asOf.UtcDateTime:yyyy-MM-dd}";

    private static string Card(string title, string figure, string n, string detail, string source, string id) => $"""
        <section class="card" id="{id}" aria-labelledby="{id}-title"><h2 id="{id}-title">{E(title)}</h2>
        <p class="figure">{E(figure)}</p><p>{E(n)}</p><p class="detail">{E(detail)}</p>
        <p class="method"><a href="{E(source)}">{E(source.Split('?')[0])}</a></p></section>
        """;
}

/// <summary>
/// The asOf of a dashboard page: ?asOf=YYYY-MM-DD (the end of that day, UTC, as in the API), else the end of today —
/// what the date picker shows, and the same instant all day, so a page opened again answers from the figure cache.
/// </summary>
public static class DashboardDates
{
    public static DateTimeOffset AsOf(HttpRequest request, TimeProvider clock) =>
        Domain.Time.AsOf.TryParse(request.Query["asOf"], out var at) ? at : Today(clock);

    /// <summary>A page's date when none is chosen: the end of today (UTC), so every view of the day shares its figures.</summary>
    public static DateTimeOffset Today(TimeProvider clock) => Domain.Time.AsOf.EndOfDay(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
