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

    /// <summary>
    /// The organisation's side of everyone's routes: the observed moves, the demand of role-scoped strategic targets and
    /// the skills strategic targets name. The same for every person, and at 100,000 people the demand alone (everyone's
    /// levels against every role target) takes seconds: computed once per ledger state when a figure cache is given.
    /// </summary>
    public sealed record OrganisationSide(List<ObservedMove> Moves, List<(string Role, RoleDemand Demand)> Demand, HashSet<string> StrategicSkills);

    /// <summary>Every included assessment and course completion up to asOf of each skill some role profile requires (<see cref="RouteEvidence.ObservationsAsync"/>).</summary>
    /// <remarks>Kept grouped per person (<see cref="RouteEvidence.ByPerson"/>), as every estimate reads them.</remarks>
    public sealed record RouteObservations(Dictionary<string, List<RouteEvidence.Observation[]>> BySkill);

    private static string Known(FigureCache.Stamp stamp, DateTimeOffset? knownAt) => knownAt is { } k ? stamp.KnownAt(k) : "all";

    public static Task<OrganisationSide> OrganisationSideAsync(FigureCache? figures, LedgerDatabase db, string org, DateTimeOffset asOf, DateTimeOffset? knownAt,
        CancellationToken ct)
    {
        async Task<OrganisationSide> Load(CancellationToken c)
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(c);
            var moves = MovesQuery.Moves(await MovesQuery.AssignmentsAsync(conn, org, asOf, c, knownAt));
            var demand = await RouteEvidence.DemandAsync(conn, org, asOf, c, knownAt);
            var strategic = (await RouteEvidence.TargetsInForceAsync(conn, org, asOf, knownAt, c)).Select(t => t.Skill).ToHashSet(StringComparer.Ordinal);
            return new OrganisationSide(moves, demand, strategic);
        }
        return figures is null ? Load(ct) : figures.GetAsync(s => $"{org}|{asOf.UtcTicks}|{Known(s, knownAt)}", Load, ct);
    }

    /// <summary>
    /// Observations of the skills asked for. With a figure cache: those of every skill some role profile requires, read
    /// once per ledger state and shared by every person (at 100,000 people ~3 million rows, ~15 s to read; a person's
    /// routes then take under a second); without one, only the skills asked for.
    /// </summary>
    public static async Task<Dictionary<string, List<RouteEvidence.Observation[]>>> ObservationsAsync(FigureCache? figures, LedgerDatabase db, string org,
        IReadOnlyCollection<string> skills, DateTimeOffset asOf, DateTimeOffset? knownAt, CancellationToken ct)
    {
        async Task<RouteObservations> Load(IReadOnlyCollection<string>? only, CancellationToken c)
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(c);
            var wanted = only ?? await RouteEvidence.RequiredSkillsAsync(conn, org, c);
            var rows = await RouteEvidence.ObservationsAsync(conn, org, wanted, asOf, c, knownAt);
            var bySkill = wanted.ToDictionary(k => k, _ => new List<RouteEvidence.Observation>(), StringComparer.Ordinal);
            foreach (var row in rows) bySkill[row.Skill].Add(row);
            return new RouteObservations(bySkill.ToDictionary(kv => kv.Key, kv => RouteEvidence.ByPerson(kv.Value), StringComparer.Ordinal));
        }
        if (figures is null) return (await Load(skills, ct)).BySkill;
        var all = await figures.GetAsync(s => $"{org}|{asOf.UtcTicks}|{Known(s, knownAt)}", c => Load(null, c), ct);
        // A skill no current profile requires (an earlier profile did, at asOf) is read on its own.
        var missing = skills.Where(k => !all.BySkill.ContainsKey(k)).ToList();
        var extra = missing.Count == 0 ? null : (await Load(missing, ct)).BySkill;
        return skills.ToDictionary(k => k, k => all.BySkill.GetValueOrDefault(k) ?? extra![k], StringComparer.Ordinal);
    }

    /// <param name="knownAt">Record time: only what the ledger had recorded by then (null: everything).</param>
    /// <param name="figures">When given, the organisation's side and the observations are shared between people and requests.</param>
    public static async Task<CareerRoutesView?> ForPersonAsync(LedgerDatabase db, string org, string personId, DateTimeOffset asOf, int top, CancellationToken ct,
        DateTimeOffset? knownAt = null, FigureCache? figures = null)
    {
        var fit = await FitQuery.ForPersonAsync(db, org, personId, asOf, ct, knownAt);
        if (fit is null) return null;
        var side = await OrganisationSideAsync(figures, db, org, asOf, knownAt, ct);
        var moves = side.Moves.Where(m => m.From == fit.CurrentRole).ToList();
        var (demand, strategic) = (side.Demand, side.StrategicSkills);
        var ranked = Rank(fit.Roles, fit.CurrentRole, moves, demand, top);
        var gaps = ranked.SelectMany(x => x.Role.Gaps).ToList();
        var required = gaps.GroupBy(g => g.Skill).ToDictionary(g => g.Key, g => g.Max(x => x.Required));
        Dictionary<string, List<CourseSuggestion>> courses;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
            courses = await RouteEvidence.CoursesAsync(conn, org, required, CoursesPerStep, ct);
        var observations = await ObservationsAsync(figures, db, org, required.Keys, asOf, knownAt, ct);
        var routes = ranked.Select((x, i) =>
        {
            var steps = x.Role.Gaps.OrderBy(g => strategic.Contains(g.Skill) ? 0 : 1).ThenBy(g => g.FitShare).ThenBy(g => g.Skill, StringComparer.Ordinal)
                .Select((g, k) =>
                {
                    var from = g.Level ?? g.ScaleMin;
                    return new RouteStep(k + 1, g.Skill, strategic.Contains(g.Skill), g.Level, g.Required, g.ScaleMax, g.Gap, courses.GetValueOrDefault(g.Skill) ?? [],
                        RouteEvidence.Estimate(RouteEvidence.Steps(observations[g.Skill], from, g.Required), personId, from, g.Required),
                        RouteEvidence.Estimate(RouteEvidence.Steps(observations[g.Skill], from, g.ScaleMax), personId, from, g.ScaleMax), g.Lineage);
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
