using SkillsLedger.Analytics;
using SkillsLedger.Analytics.Careers;

namespace SkillsLedger.Careers.Evaluation;

/// <summary>One group of completions: people (the unit), completions, and the mean of the people's mean gain per hour.</summary>
public sealed record GainGroup(string Group, string Description, int People, int Completions, double? Mean, double? CiLow, double? CiHigh);

/// <summary>Difference of two groups' means (people as the unit, Welch 95 % interval); null figures when either group has fewer than 2 people.</summary>
public sealed record GainDifference(string Comparison, int PeopleA, int PeopleB, double? Difference, double? CiLow, double? CiHigh, double? Df);

/// <summary>Share of the actual moves whose destination one method had suggested, with its Wilson 95 % interval.</summary>
public sealed record HitRate(string Method, int Moves, int Hits, double? Rate, double? CiLow, double? CiHigh);

public sealed record LearningPathEvaluation(int People, int PeopleWithGaps, int Completions, string Unit, IReadOnlyList<GainGroup> Groups, IReadOnlyList<GainDifference> Differences);

/// <param name="MethodOnly">Moves the routes' top 3 caught and the top-1 baseline missed (discordant pairs).</param>
/// <param name="BaselineOnly">Moves the top-1 baseline caught and the routes' top 3 missed.</param>
public sealed record RouteEvaluation(int People, int Moves, IReadOnlyList<HitRate> Rates, int MethodOnly, int BaselineOnly);

/// <param name="KnownAt">Record time the suggestions were built with (T, or the evaluation's own time when the ledger recorded nothing by T).</param>
/// <param name="BusinessTimeOnly">True when the ledger recorded nothing by T (loaded in bulk later): "known at T" is then business time alone.</param>
public sealed record PathsEvaluationView(DateTimeOffset AsOf, DateTimeOffset HorizonEnd, int HorizonMonths, DateTimeOffset KnownAt, bool BusinessTimeOnly,
    int Seed, int MinGroupSize, LearningPathEvaluation LearningPaths, RouteEvaluation Routes, string Method);

/// <summary>
/// Pure parts of the proof that the suggestions are good (issue 16, docs/methods.md "Evaluation of the suggestions"):
/// classify what people actually did after T against what was suggested at T, and summarise with people as the unit.
/// </summary>
public static class PathsEvaluation
{
    public const string Unit = "levels (of the skill's own scale) per learning hour";

    /// <summary>One completion in (T, T+h] on one of the person's gap skills at T, with its measured gain per hour.</summary>
    /// <param name="Suggested">The course was among the (up to 3) courses the person's learning path at T gave for the skill.</param>
    /// <param name="FirstSuggested">It was the first of them.</param>
    /// <param name="Popular">It was the most completed course for the skill by T (baseline 1).</param>
    /// <param name="Random">It was the course drawn at random (fixed seed) among the catalogue's courses for the skill (baseline 2).</param>
    public sealed record Outcome(string PersonId, string Skill, string CourseId, double GainPerHour, bool Suggested, bool FirstSuggested, bool Popular, bool Random);

    /// <summary>The groups and differences reported, in order.</summary>
    public static (List<GainGroup> Groups, List<GainDifference> Differences) Summarise(IReadOnlyList<Outcome> outcomes)
    {
        var groups = new (string Name, string Description, Func<Outcome, bool> In)[]
        {
            ("suggested", "completions of a course the learning path suggested at T for that gap (any of up to 3)", o => o.Suggested),
            ("not suggested", "completions of any other course on that gap skill", o => !o.Suggested),
            ("first suggestion", "completions of the path's first course for the gap (one course, like the baselines)", o => o.FirstSuggested),
            ("not first", "completions of any other course on that gap skill (where a skill has at most 3 courses, 'not suggested' is empty)", o => !o.FirstSuggested),
            ("most popular", "baseline: completions of the course most completed for the skill by T", o => o.Popular),
            ("random", "baseline: completions of the course drawn at random (fixed seed) among the catalogue's courses for the skill", o => o.Random),
            ("all", "every completion on a gap skill", _ => true),
        };
        var values = groups.ToDictionary(g => g.Name, g => PersonMeans(outcomes.Where(g.In)));
        var result = groups.Select(g =>
        {
            var v = values[g.Name];
            var n = outcomes.Count(g.In);
            if (v.Count == 0) return new GainGroup(g.Name, g.Description, 0, 0, null, null, null);
            var m = Summary.MeanConfidenceInterval(v);
            return new GainGroup(g.Name, g.Description, v.Count, n, m.Mean, m.CiLow, m.CiHigh);
        }).ToList();
        var differences = new[] { ("suggested", "not suggested"), ("first suggestion", "not first"), ("suggested", "most popular"), ("suggested", "random"), ("first suggestion", "most popular"), ("first suggestion", "random") }
            .Select(p =>
            {
                var d = MeanDifference.Welch(values[p.Item1], values[p.Item2]);
                return new GainDifference($"{p.Item1} − {p.Item2}", values[p.Item1].Count, values[p.Item2].Count, d?.Difference, d?.CiLow, d?.CiHigh, d?.Df);
            }).ToList();
        return (result, differences);
    }

    /// <summary>Each person's mean gain per hour over their completions in the group, in person id order (people are the unit).</summary>
    public static List<double> PersonMeans(IEnumerable<Outcome> outcomes) =>
        outcomes.GroupBy(o => o.PersonId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Average(o => o.GainPerHour)).ToList();

    /// <summary>One actual role move in (T, T+h] of someone employed at T, and the roles each method had put first for them at T.</summary>
    public sealed record MoveOutcome(string PersonId, string From, string To, IReadOnlyList<string> RoutesTop3, IReadOnlyList<string> FrequentTop3);

    public static RouteEvaluation Hits(int people, IReadOnlyList<MoveOutcome> moves)
    {
        HitRate Rate(string method, Func<MoveOutcome, bool> hit)
        {
            var hits = moves.Count(hit);
            if (moves.Count == 0) return new HitRate(method, 0, 0, null, null, null);
            var w = Proportion.WilsonInterval(hits, moves.Count);
            return new HitRate(method, moves.Count, hits, w.P, w.Low, w.High);
        }
        bool Routes(MoveOutcome m) => m.RoutesTop3.Contains(m.To);
        bool Frequent1(MoveOutcome m) => m.FrequentTop3.Take(1).Contains(m.To);
        return new RouteEvaluation(people, moves.Count,
        [
            Rate("routes top 3", Routes),
            Rate("most frequent move from the current role (baseline)", Frequent1),
            Rate("3 most frequent moves from the current role", m => m.FrequentTop3.Contains(m.To)),
        ], moves.Count(m => Routes(m) && !Frequent1(m)), moves.Count(m => !Routes(m) && Frequent1(m)));
    }

    /// <summary>Destinations of the observed moves out of a role by T, most frequent first (ties by role id).</summary>
    public static List<string> MostFrequent(IEnumerable<ObservedMove> movesOutOfRole, int top) =>
        movesOutOfRole.GroupBy(m => m.To, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).Take(top).ToList();

    /// <summary>
    /// The random baseline's course for one person and skill: index FNV-1a("seed|person|skill") mod the number of
    /// catalogue courses for the skill (in course id order). Stable across runs and machines, and independent of who
    /// else is evaluated.
    /// </summary>
    public static string? RandomCourse(int seed, string personId, string skill, IReadOnlyList<string> courseIds)
    {
        if (courseIds.Count == 0) return null;
        var sorted = courseIds.Order(StringComparer.Ordinal).ToList();
        var hash = 14695981039346656037UL;
        foreach (var c in $"{seed}|{personId}|{skill}")
            unchecked { hash = (hash ^ c) * 1099511628211UL; }
        return sorted[(int)(hash % (ulong)sorted.Count)];
    }
}
