using SkillsLedger.Infrastructure;

namespace SkillsLedger.Careers;

/// <summary>One skill to close on a route, with courses and how long others took: to the required level and to the top of the scale.</summary>
public sealed record RouteStep(int Order, string Skill, bool Strategic, double? Level, double Required, double ScaleMax, double Gap,
    IReadOnlyList<CourseSuggestion> Courses, StepEstimate ToKnowledge, StepEstimate ToMastery, string Lineage);

/// <param name="Score">0.6·fit + 0.25·moveShare + 0.15·demandShare (docs/methods.md "Career routes").</param>
/// <param name="MovesFromCurrentRole">Observed moves from the person's current role to this role (n), of <c>MovesOutOfCurrentRole</c>.</param>
/// <param name="OpenHeadcount">Open headcount of strategic targets scoped to this role (headcount − people already at the level).</param>
public sealed record CareerRoute(int Rank, string Role, double Score, double Fit, double MoveShare, int MovesFromCurrentRole, double DemandShare,
    int OpenHeadcount, IReadOnlyList<RoleDemand> Demand, IReadOnlyList<RouteStep> Steps, string Explanation, string ExplanationNl);

public sealed record CareerRoutesView(string PersonId, DateTimeOffset AsOf, string? CurrentRole, int MovesOutOfCurrentRole, string Rule, string Score,
    string StepOrder, IReadOnlyList<CareerRoute> Routes, string Source, DateTimeOffset? KnownAt = null);

/// <summary>Career routes for one person (issue 16 item 3): next roles ranked by fit, observed moves and strategic demand, each with its steps.</summary>
public static class RoutesQuery
{
    public const double FitWeight = 0.6, MoveWeight = 0.25, DemandWeight = 0.15;
    public const int CoursesPerStep = 3;
    public const string Score = "score = 0.6·fit + 0.25·moveShare + 0.15·demandShare; fit as GET /fit; moveShare = observed moves from the current role to this " +
                                "role / all moves out of the current role up to asOf (0 when none); demandShare = open headcount of role-scoped targets of " +
                                "goals in force at asOf for this role / the largest such open headcount among the candidate roles (0 when none). " +
                                "Weights chosen, not fitted. Every role with a profile except the current one is a candidate; ties by role id.";
    public const string StepOrder = "steps = the role's required skills not yet reached; skills named by a strategic target in force first, then the smallest " +
                                    "gap (in fit units) first, then skill id; per step up to 3 catalogue courses (aiming at or above the required level first, " +
                                    "then shortest); time and learning hours from people in this ledger who were assessed within ±0.5 of the person's level " +
                                    "and later at or above the target (required level: route to knowledge; top of the scale: route to mastery)";
    public const string Source = "analytics.role_requirement, skill, skill_assessment, person_assignment, course, course_skill, course_completion(_skill), " +
                                 "strategic_goal, strategic_target, strategic_goal_retirement";

    /// <summary>One candidate role with the terms of its score.</summary>
    public sealed record RankedRole(RoleFitView Role, int Moves, double MoveShare, double DemandShare, int Open, int MaxOpen, double Score);

    /// <summary>
    /// Pure: every role but the current one by score (0.6·fit + 0.25·moveShare + 0.15·demandShare), ties by role id;
    /// <paramref name="movesFromCurrentRole"/> are the observed moves out of the person's current role.
    /// </summary>
    public static List<RankedRole> Rank(IReadOnlyList<RoleFitView> fits, string? currentRole, IReadOnlyList<ObservedMove> movesFromCurrentRole,
        IReadOnlyList<(string Role, RoleDemand Demand)> demand, int top)
    {
        var candidates = fits.Where(r => r.Role != currentRole).ToList();
        var open = candidates.ToDictionary(r => r.Role, r => demand.Where(d => d.Role == r.Role).Sum(d => d.Demand.Open));
        var maxOpen = open.Values.DefaultIfEmpty(0).Max();
        var total = movesFromCurrentRole.Count;
        return candidates.Select(r =>
            {
                var n = movesFromCurrentRole.Count(m => m.To == r.Role);
                var moveShare = total == 0 ? 0 : (double)n / total;
                var demandShare = maxOpen == 0 ? 0 : (double)open[r.Role] / maxOpen;
                return new RankedRole(r, n, moveShare, demandShare, open[r.Role], maxOpen, FitWeight * r.Fit + MoveWeight * moveShare + DemandWeight * demandShare);
            })
            .OrderByDescending(x => x.Score).ThenBy(x => x.Role.Role, StringComparer.Ordinal).Take(top).ToList();
    }

    /// <param name="knownAt">Record time: only what the ledger had recorded by then (null: everything).</param>
    public static async Task<CareerRoutesView?> ForPersonAsync(LedgerDatabase db, string org, string personId, DateTimeOffset asOf, int top, CancellationToken ct,
        DateTimeOffset? knownAt = null)
    {
        var fit = await FitQuery.ForPersonAsync(db, org, personId, asOf, ct, knownAt);
        if (fit is null) return null;
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var moves = MovesQuery.Moves(await MovesQuery.AssignmentsAsync(conn, org, asOf, ct, knownAt)).Where(m => m.From == fit.CurrentRole).ToList();
        var demand = await RouteEvidence.DemandAsync(conn, org, asOf, ct, knownAt);
        var strategic = (await RouteEvidence.TargetsInForceAsync(conn, org, asOf, knownAt, ct)).Select(t => t.Skill).ToHashSet(StringComparer.Ordinal);
        var ranked = Rank(fit.Roles, fit.CurrentRole, moves, demand, top);
        var gaps = ranked.SelectMany(x => x.Role.Gaps).ToList();
        var required = gaps.GroupBy(g => g.Skill).ToDictionary(g => g.Key, g => g.Max(x => x.Required));
        var courses = await RouteEvidence.CoursesAsync(conn, org, required, CoursesPerStep, ct);
        var observations = await RouteEvidence.ObservationsAsync(conn, org, required.Keys, asOf, ct, knownAt);
        var routes = ranked.Select((x, i) =>
        {
            var steps = x.Role.Gaps.OrderBy(g => strategic.Contains(g.Skill) ? 0 : 1).ThenBy(g => g.FitShare).ThenBy(g => g.Skill, StringComparer.Ordinal)
                .Select((g, k) =>
                {
                    var from = g.Level ?? g.ScaleMin;
                    return new RouteStep(k + 1, g.Skill, strategic.Contains(g.Skill), g.Level, g.Required, g.ScaleMax, g.Gap, courses.GetValueOrDefault(g.Skill) ?? [],
                        RouteEvidence.Estimate(observations, g.Skill, personId, from, g.Required),
                        RouteEvidence.Estimate(observations, g.Skill, personId, from, g.ScaleMax), g.Lineage);
                }).ToList();
            var explanation = $"score {x.Score:0.000} = 0.6 × fit {x.Role.Fit:0.000} + 0.25 × moveShare {x.MoveShare:0.000} ({x.Moves} of {moves.Count} observed moves " +
                              $"out of {fit.CurrentRole ?? "no role"}) + 0.15 × demandShare {x.DemandShare:0.000} (open headcount {x.Open} of max {x.MaxOpen}); " +
                              x.Role.Explanation;
            var explanationNl = string.Create(Dutch.Numbers, $"score {x.Score:0.000} = 0,6 × geschiktheid {x.Role.Fit:0.000} + 0,25 × aandeel overstappen {x.MoveShare:0.000} ({x.Moves} van " +
                                             $"{moves.Count} waargenomen overstappen vanuit {fit.CurrentRole ?? "geen rol"}) + 0,15 × aandeel vraag {x.DemandShare:0.000} " +
                                             $"(open plaatsen {x.Open} van max {x.MaxOpen}); ") + x.Role.ExplanationNl;
            return new CareerRoute(i + 1, x.Role.Role, x.Score, x.Role.Fit, x.MoveShare, x.Moves, x.DemandShare, x.Open,
                demand.Where(d => d.Role == x.Role.Role).Select(d => d.Demand).ToList(), steps, explanation, explanationNl);
        }).ToList();
        return new CareerRoutesView(personId, asOf, fit.CurrentRole, moves.Count, FitQuery.Rule, Score, StepOrder, routes, Source, knownAt);
    }
}
