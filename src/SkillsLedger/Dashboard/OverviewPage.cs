using System.Security.Claims;
using SkillsLedger.Infrastructure;
using SkillsLedger.Readiness;
using SkillsLedger.Retention;
using SkillsLedger.Roi;
using SkillsLedger.Strategy;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;

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

        return await Page<OverviewView>(http, t, t["overview.title"], "nav.overview", new Dictionary<string, object?>
        {
            [nameof(OverviewView.T)] = t,
            [nameof(OverviewView.Query)] = q,
            [nameof(OverviewView.Readiness)] = readiness.Overall,
            [nameof(OverviewView.Newcomers)] = newcomers,
            [nameof(OverviewView.Goals)] = goals,
            [nameof(OverviewView.Roi)] = roi,
            [nameof(OverviewView.Growth)] = growth,
            [nameof(OverviewView.Names)] = names,
        }, asOf);
    }

    private static string Query(DateTimeOffset asOf) => $"?asOf={asOf.UtcDateTime:yyyy-MM-dd}";
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
