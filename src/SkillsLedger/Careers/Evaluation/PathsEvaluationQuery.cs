using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Strategy;

namespace SkillsLedger.Careers.Evaluation;

/// <summary>
/// Runs the evaluation of learning paths and career routes (issue 16, "Proof that the suggestions are good") on one
/// organisation: suggestions built at T with what the ledger knew at T, outcomes from (T, T + horizon].
/// </summary>
public static class PathsEvaluationQuery
{
    public const int DefaultSeed = 42;
    public const string Method =
        "T = asOf; suggestions are built at T from events that occurred by T and were recorded by knownAt = T (when the ledger recorded nothing " +
        "by T, e.g. a history loaded in bulk later, knownAt is the evaluation's own time and only business time separates what was known: the " +
        "forecast backtest's rule); role profiles are the ones in force now. People = employed at T. Learning paths: each person's path at T " +
        "(as GET /learning-path, minGroupSize as given); outcomes = their completions in (T, T + horizon] of courses training one of their gap " +
        "skills at T, with gain per hour = (first included assessed value after the completion, by T + horizon − last at or before it) / course " +
        "hours (completions without both assessments are left out); each person's mean over their completions in a group is one value (people " +
        "are the unit); groups: suggested (any of the up to 3 courses for that gap), not suggested, first suggestion, most popular (baseline: " +
        "the course with most completions on the skill by T, ties by course id), random (baseline: FNV-1a(seed|person|skill) mod the catalogue " +
        "courses for the skill in id order); means with 95 % t intervals; differences with Welch 95 % intervals (a person in both groups makes " +
        "them positively correlated, so the interval is conservative). Career routes: each person's first role move in (T, T + horizon]; hit " +
        "when its destination was among their top 3 routes at T (as GET /routes) or, baseline, was the most frequent destination of moves out " +
        "of their role at T observed by T (also shown: the 3 most frequent); Wilson 95 % intervals.";

    public static async Task<PathsEvaluationView> RunAsync(LedgerDatabase db, string org, DateTimeOffset asOf, int horizonMonths, int seed, int minGroupSize,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var end = asOf.AddMonths(horizonMonths);
        var (knownAt, businessOnly) = ForecastBacktest.OriginKnownAt(await StrategyLedger.FirstRecordedAtAsync(conn, org, ct), asOf, now);
        DateTimeOffset? known = businessOnly ? null : knownAt;
        var employed = await EmployedAsync(conn, org, asOf, known, ct);
        var learning = await LearningPathsAsync(conn, org, employed, asOf, end, known, seed, minGroupSize, ct);
        var routes = await RoutesAsync(conn, org, employed, asOf, end, known, ct);
        return new PathsEvaluationView(asOf, end, horizonMonths, knownAt, businessOnly, seed, minGroupSize, learning, routes, Method);
    }

    private static async Task<LearningPathEvaluation> LearningPathsAsync(NpgsqlConnection conn, string org, IReadOnlyList<LearningPathQuery.PathPerson> employed,
        DateTimeOffset asOf, DateTimeOffset end, DateTimeOffset? known, int seed, int minGroupSize, CancellationToken ct)
    {
        var levels = await LearningPathQuery.LevelsAsync(conn, org, asOf, known, null, ct);
        var evidence = await LearningPathQuery.EvidenceAsync(conn, org, asOf, known, ct);
        var popular = await MostPopularAsync(conn, org, asOf, known, ct);
        var later = (await LearningPathQuery.GainsAsync(conn, org, evidence.Scales.Keys.ToArray(), end, null, ct))
            .Where(g => g.CompletedAt > asOf).ToLookup(g => g.PersonId, StringComparer.Ordinal);
        var outcomes = new List<PathsEvaluation.Outcome>();
        var withGaps = 0;
        foreach (var person in employed)
        {
            var gaps = LearningPathQuery.Gaps(person, levels.GetValueOrDefault(person.PersonId) ?? [], evidence.Scales, evidence.Requirements, evidence.Targets);
            if (gaps.Count > 0) withGaps++;
            var done = later[person.PersonId].Where(g => gaps.Any(x => x.Skill == g.Skill)).ToList();
            if (done.Count == 0) continue;
            var path = LearningPathQuery.Build(person, gaps, evidence, asOf, minGroupSize);
            foreach (var g in done)
            {
                var suggested = path.Items.Single(i => i.Skill == g.Skill).Courses.Select(c => c.CourseId).ToList();
                var random = PathsEvaluation.RandomCourse(seed, person.PersonId, g.Skill,
                    (evidence.Catalogue.GetValueOrDefault(g.Skill) ?? []).Select(c => c.CourseId).ToList());
                outcomes.Add(new PathsEvaluation.Outcome(person.PersonId, g.Skill, g.CourseId, (g.After - g.Before) / g.Hours, suggested.Contains(g.CourseId),
                    suggested.FirstOrDefault() == g.CourseId, popular.GetValueOrDefault(g.Skill) == g.CourseId, random == g.CourseId));
            }
        }
        var (groups, differences) = PathsEvaluation.Summarise(outcomes);
        return new LearningPathEvaluation(employed.Count, withGaps, outcomes.Count, PathsEvaluation.Unit, groups, differences);
    }

    private static async Task<RouteEvaluation> RoutesAsync(NpgsqlConnection conn, string org, IReadOnlyList<LearningPathQuery.PathPerson> employed,
        DateTimeOffset asOf, DateTimeOffset end, DateTimeOffset? known, CancellationToken ct)
    {
        var firstMoveAfter = MovesQuery.Moves(await MovesQuery.AssignmentsAsync(conn, org, end, ct)).Where(m => m.At > asOf)
            .GroupBy(m => m.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(m => m.At).First(), StringComparer.Ordinal);
        var movers = employed.Where(p => p.Role is not null && firstMoveAfter.ContainsKey(p.PersonId)).ToList();
        var fits = await FitQuery.RequirementsAsync(conn, org, movers.Select(p => new FitQuery.FitQuestion(p.PersonId, asOf)).ToList(), ct, known);
        var past = MovesQuery.Moves(await MovesQuery.AssignmentsAsync(conn, org, asOf, ct, known)).ToLookup(m => m.From, StringComparer.Ordinal);
        var demand = await RouteEvidence.DemandAsync(conn, org, asOf, ct, known);
        var outcomes = movers.Select((p, i) =>
        {
            var fromRole = past[p.Role!].ToList();
            var top = RoutesQuery.Rank(FitQuery.Rank(p.PersonId, p.Role, fits[i], asOf), p.Role, fromRole, demand, 3).Select(r => r.Role.Role).ToList();
            return new PathsEvaluation.MoveOutcome(p.PersonId, p.Role!, firstMoveAfter[p.PersonId].To, top, PathsEvaluation.MostFrequent(fromRole, 3));
        }).ToList();
        return PathsEvaluation.Hits(employed.Count, outcomes);
    }

    private static async Task<List<LearningPathQuery.PathPerson>> EmployedAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? known, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select w.person_id, w.role, w.department, w.team from {LevelsAt.Workforce("$1", "$2", known is null ? null : "$3")} w order by w.person_id", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(known));
        var rows = new List<LearningPathQuery.PathPerson>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        return rows;
    }

    /// <summary>Per skill, the course completed most often for it by T (as known then); ties by course id.</summary>
    private static async Task<Dictionary<string, string>> MostPopularAsync(NpgsqlConnection conn, string org, DateTimeOffset asOf, DateTimeOffset? known, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select distinct on (s.skill) s.skill, c.course_id
              from analytics.course_completion c join analytics.course_completion_skill s on s.org_id = c.org_id and s.event_id = c.event_id
             where c.org_id = $1 and c.completed_at <= $2 and {LevelsAt.RecordedBy("c.org_id", "c.event_id", known is null ? null : "$3")}
             group by s.skill, c.course_id
             order by s.skill, count(*) desc, c.course_id
            """, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(asOf);
        cmd.Parameters.Add(LearningPathQuery.Instant(known));
        var popular = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) popular[r.GetString(0)] = r.GetString(1);
        return popular;
    }
}
