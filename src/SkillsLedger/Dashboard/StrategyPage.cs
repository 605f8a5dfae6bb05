using System.Security.Claims;
using SkillsLedger.Infrastructure;
using SkillsLedger.Strategy;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;

namespace SkillsLedger.Dashboard;

/// <summary>
/// GET /strategy — every strategic goal in force at asOf: its targets with supply, gap and the forecast at the due
/// date (a fan chart per target, the supply trend as a table), its status, and the learning linked to goals. The
/// figures of GET /api/strategy/goals (StrategyQuery: the same computation, same seed).
/// </summary>
public static class StrategyPage
{
    public static readonly Text[] Texts =
    [
        ("strategy.title", "Strategy", "Strategie"),
        ("strategy.intro", "Supply: people employed and in the target's scope whose level (rule weighted-recency v1) is at least the target level. The forecast simulates growth and departures as observed on the ledger (docs/methods.md §7); on track: chance ≥ 80 %, off track: chance < 20 %.",
            "Aanbod: medewerkers in dienst en binnen het bereik van het doel met een niveau (regel weighted-recency v1) van minstens het streefniveau. De prognose simuleert groei en vertrek zoals waargenomen in het grootboek (docs/methods.md §7); op koers: kans ≥ 80 %, uit koers: kans < 20 %."),
        ("strategy.none", "No strategic goals are on the ledger yet.", "Er staan nog geen strategische doelen in het grootboek."),
        ("strategy.learning", "Learning linked to strategy", "Leren gekoppeld aan strategie"),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock, CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var view = await DashboardFigures.GoalsAsync(figures, db, user.Organisation(), asOf, clock, ct);

        return await Page<StrategyView>(http, t, t["strategy.title"], "nav.strategy", new Dictionary<string, object?>
        {
            [nameof(StrategyView.T)] = t,
            [nameof(StrategyView.AsOf)] = asOf,
            [nameof(StrategyView.View)] = view,
        }, asOf);
    }
}
