using System.Security.Claims;
using System.Text;
using SkillsLedger.Presentation;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Strategy;
using SkillsLedger.Web;
using static SkillsLedger.Dashboard.DashboardPage;
using static SkillsLedger.Dashboard.DashboardHtml;

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
        ("strategy.target", "Target", "Doel"),
        ("strategy.scope", "Scope", "Bereik"),
        ("strategy.scope.all", "whole organisation", "hele organisatie"),
        ("strategy.needed", "Needed", "Nodig"),
        ("strategy.inscope", "In scope", "Binnen bereik"),
        ("strategy.supply", "Supply now", "Aanbod nu"),
        ("strategy.gap", "Gap", "Tekort"),
        ("strategy.forecast", "Forecast at due date (80 % interval)", "Prognose op deadline (80%-interval)"),
        ("strategy.chance", "Chance", "Kans"),
        ("strategy.learning", "Learning linked to strategy", "Leren gekoppeld aan strategie"),
        ("strategy.learning.text", "{0} of learning hours and {1} of spend went to programmes linked to a goal ({2} of {3} hours; {4} {5} of {4} {6}).",
            "{0} van de leeruren en {1} van de uitgaven gingen naar programma's die aan een doel gekoppeld zijn ({2} van {3} uur; {4} {5} van {4} {6})."),
        ("strategy.unlinked", "Programmes linked to no goal", "Programma's zonder gekoppeld doel"),
    ];

    public static async Task<IResult> GetAsync(HttpContext http, ClaimsPrincipal user, LedgerDatabase db, FigureCache figures, TimeProvider clock, CancellationToken ct)
    {
        var t = DashboardLanguage.For(http.Request);
        var asOf = DashboardDates.AsOf(http.Request, clock);
        var view = await DashboardFigures.GoalsAsync(figures, db, user.Organisation(), asOf, clock, ct);

        var body = new StringBuilder($"<p>{E(t["strategy.intro"])}</p>");
        if (view.Goals.Count == 0) body.Append($"<p>{E(t["strategy.none"])}</p>");
        foreach (var g in view.Goals)
        {
            body.Append($"""<section class="goal" id="goal-{E(g.GoalId)}"><h2>{E(g.Name)} <span class="status-{g.Status.Replace(' ', '-')}">{E(t["status." + g.Status])}</span></h2>""");
            body.Append($"<p>{E(t["goal.due"])}: {E(t.Date(g.DueDate))} · {E(t["goal.probability"])}: {E(t.Percent(g.ProbabilityMeet))}</p>");
            body.Append($"""<div class="scroll"><table class="targets"><thead><tr><th scope="col">{E(t["strategy.target"])}</th><th scope="col">{E(t["strategy.scope"])}</th><th scope="col" class="num">{E(t["strategy.needed"])}</th><th scope="col" class="num">{E(t["strategy.inscope"])}</th><th scope="col" class="num">{E(t["strategy.supply"])}</th><th scope="col" class="num">{E(t["strategy.gap"])}</th><th scope="col" class="num">{E(t["strategy.forecast"])}</th><th scope="col" class="num">{E(t["strategy.chance"])}</th><th scope="col">{E(t["goal.status"])}</th></tr></thead><tbody>""");
            foreach (var target in g.Targets)
                body.Append($"""<tr><th scope="row">{E(target.Skill)} ≥ {target.Level:0.##}</th><td>{E(Scope(t, target.Scope))}</td><td class="num">{target.Headcount}</td><td class="num">{target.InScope}</td><td class="num">{target.Supply}</td><td class="num">{target.Gap}</td><td class="num">{target.Forecast.Median} ({target.Forecast.Interval80.Low}–{target.Forecast.Interval80.High})</td><td class="num">{E(t.Percent(target.Forecast.ProbabilityMeet))}</td><td class="status-{target.Status.Replace(' ', '-')}">{E(t["status." + target.Status])}</td></tr>""");
            body.Append("</tbody></table></div>");
            foreach (var target in g.Targets) body.Append(Fan(t, g, target));
            body.Append("</section>");
        }
        body.Append(Method(t, $"/api/strategy/goals?{AsOfQuery(asOf)}", "§7"));

        var l = view.Learning;
        body.Append($"<h2>{E(t["strategy.learning"])}</h2><p id=\"linked\">{E(string.Format(t["strategy.learning.text"], t.Percent(l.LinkedHoursShare), t.Percent(l.LinkedCostShare),
            t.Number(l.LinkedHours), t.Number(l.Hours), l.Currency, t.Number(l.LinkedCost), t.Number(l.TotalCost)))}</p>");
        if (l.Unlinked.Count > 0)
        {
            body.Append($"""<h3>{E(t["strategy.unlinked"])}</h3><table id="unlinked"><thead><tr><th scope="col">{E(t["overview.roi.programme"])}</th><th scope="col" class="num">{E(t["overview.roi.learners"])}</th><th scope="col" class="num">{E(t["programmes.hours"])}</th><th scope="col" class="num">{E(t["programmes.costs"])}</th></tr></thead><tbody>""");
            foreach (var p in l.Unlinked)
                body.Append($"""<tr><td>{E(p.Name ?? p.ProgramId)}</td><td class="num">{p.Learners}</td><td class="num">{E(t.Number(p.Hours, 1))}</td><td class="num">{E(l.Currency)} {E(t.Number(p.TotalCost))}</td></tr>""");
            body.Append("</tbody></table>");
        }
        return Html(Render(http, t, t["strategy.title"], "nav.strategy", body.ToString(), asOf));
    }

    private static string Scope(DashboardLanguage t, TargetScope? s) =>
        s is null || (s.Department ?? s.Role ?? s.Team) is null ? t["strategy.scope.all"] : string.Join(", ", new[] { s.Department, s.Role, s.Team }.Where(v => v is not null));

    /// <summary>The target's fan chart and, as its text equivalent, the supply at every sixth month end (the report's strategy figure).</summary>
    private static string Fan(DashboardLanguage t, GoalView goal, TargetView target) =>
        HtmlRendering.Render<GoalFan>(new Dictionary<string, object?>
        {
            [nameof(GoalFan.Goal)] = goal,
            [nameof(GoalFan.Target)] = target,
            [nameof(GoalFan.F)] = t,
        });
}
