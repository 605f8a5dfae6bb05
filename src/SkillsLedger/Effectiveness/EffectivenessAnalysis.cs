using SkillsLedger.Analytics;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Effectiveness;

/// <summary>One group's effect: mean difference d in percentage points of the skill's scale, people as the unit.</summary>
public sealed record EffectGroup(string Group, int Completions, int People, double? MeanEffect, double? CiLow, double? CiHigh,
    double Hours, double Cost, double? EffectPerHour, double? EffectPer1000, bool Suppressed);

public sealed record EffectivenessView(DateTimeOffset AsOf, string By, int WindowDays, string Unit, string Rule, string Method, string Threats,
    int MinGroupSize, IReadOnlyList<EffectGroup> Groups, IReadOnlyDictionary<string, int> Excluded, string Currency, string Source);

/// <summary>
/// Which learning works (issue 15, docs/methods.md "Effectiveness"). For each completion and each skill s it targets:
/// Δ = level on s at completion + window − level at completion (rule weighted-recency v1 at both dates); the
/// comparison mean is the mean Δ over the same calendar window of people in the same role at the completion date who
/// had a level on s at its start, were employed throughout and completed no course targeting s in it; d = Δ − that
/// mean, in percentage points of the skill's scale. People are the independent unit: each person's d in a group is
/// averaged first, and the group's mean and t interval are over people.
/// </summary>
public static class EffectivenessAnalysis
{
    /// <summary>Loads the data and analyses it, once per ledger state (<see cref="FigureCache"/>): what the API and the dashboard call.</summary>
    public static Task<EffectivenessView> AnalyseAsync(FigureCache cache, LedgerDatabase db, string org, DateTimeOffset asOf, string by, int windowDays,
        int minGroupSize, CancellationToken ct) =>
        cache.GetAsync($"effectiveness|{org}|{asOf.UtcTicks}|{by}|{windowDays}|{minGroupSize}",
            async c => Analyse(await EffectivenessData.LoadAsync(db, org, asOf, c), asOf, by, windowDays, minGroupSize), ct);

    public static readonly string[] Groupings = ["course", "program", "modality", "category"];
    public const string Unit = "percentage points of the skill's scale (level gain beyond comparable colleagues)";
    public const string Method = "difference between the learner's level change over the window and the mean change of colleagues in the same role " +
        "who had a level on the skill at the start and took no course on it in the window; people averaged first, then mean with a Student t 95 % interval";
    public const string Threats = "Not a randomised comparison: people choose or are sent to courses (selection), may be assessed more often around a course " +
        "(measurement), and colleagues in the same role still differ. A positive difference is evidence, not proof, that the course caused it.";

    /// <summary>One completion-skill's outcome, or why it was left out.</summary>
    private sealed record Outcome(Completion Completion, string Skill, double? D, string? Excluded);

    public static EffectivenessView Analyse(EffectivenessData data, DateTimeOffset asOf, string by, int windowDays, int minGroupSize)
    {
        var window = TimeSpan.FromDays(windowDays);
        // Who completed a course on which skill when: a comparison person must have none in the window.
        var learnedSkill = data.Completions.SelectMany(c => c.Skills.Select(s => (c.PersonId, Skill: s, c.CompletedAt)))
            .ToLookup(x => (x.PersonId, x.Skill), x => x.CompletedAt);
        var stints = RoleStints(data);
        var outcomes = new List<Outcome>();
        foreach (var c in data.Completions.Where(c => c.CompletedAt <= asOf))
            foreach (var skill in c.Skills)
                outcomes.Add(Evaluate(data, c, skill, window, asOf, learnedSkill, stints));

        var excluded = outcomes.Where(o => o.Excluded is not null).GroupBy(o => o.Excluded!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var kept = outcomes.Where(o => o.D is not null).ToList();
        // A completion's d is the mean over its skills, except by category, where each skill counts in its own category.
        var units = by == "category"
            ? kept.Select(o => (Group: data.Skills.GetValueOrDefault(o.Skill).Category ?? "uncategorised", o.Completion, D: o.D!.Value))
            : kept.GroupBy(o => o.Completion).Select(g => (Group: GroupOf(g.Key, by), Completion: g.Key, D: g.Average(o => o.D!.Value)));
        var costPerCompletion = CostPerCompletion(data, asOf);
        var groups = units.GroupBy(u => u.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var completions = g.Select(u => u.Completion).Distinct().ToList();
            var people = g.GroupBy(u => u.Completion.PersonId).Select(p => p.Average(u => u.D)).ToList();
            var hours = completions.Sum(c => c.Hours);
            var cost = completions.Sum(c => costPerCompletion(c));
            if (people.Count < minGroupSize) return new EffectGroup(g.Key, completions.Count, people.Count, null, null, null, hours, cost, null, null, true);
            var estimate = Summary.MeanConfidenceInterval(people);
            var total = g.Sum(u => u.D);
            return new EffectGroup(g.Key, completions.Count, people.Count, estimate.Mean, estimate.CiLow, estimate.CiHigh, hours, cost,
                hours > 0 ? total / hours : null, cost > 0 ? total / cost * 1000 : null, false);
        }).ToList();
        return new EffectivenessView(asOf, by, windowDays, Unit, "weighted-recency v1", Method, Threats, minGroupSize, groups, excluded, data.Currency,
            "analytics.course_completion, analytics.course, analytics.course_skill, analytics.skill_assessment, analytics.person_assignment");
    }

    private static string GroupOf(Completion c, string by) => by switch
    {
        "course" => c.CourseId,
        "program" => c.ProgramId ?? "(no programme)",
        "modality" => c.Modality,
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    /// <summary>
    /// At most this many comparison colleagues per completion: the first eligible ones in a fixed random order of the
    /// role's members (seed <see cref="ComparisonSeed"/>). Below it — every role of the demo — the comparison is every
    /// eligible colleague, as the method states; above it, a random sample of that size, so a large organisation's
    /// analysis costs completions × a few hundred rather than completions × the role's size (docs/methods.md §4b).
    /// </summary>
    public const int MaxComparison = 200;

    public const int ComparisonSeed = 42;

    /// <summary>A spell of a person in a role: from one assignment to the next (to = null: still in it).</summary>
    private readonly record struct Stint(string Person, DateTimeOffset From, DateTimeOffset? To);

    /// <summary>Every role's spells, each role's list in a fixed random order (people sorted first, so the order depends only on the data).</summary>
    private static Dictionary<string, Stint[]> RoleStints(EffectivenessData data)
    {
        var byRole = new Dictionary<string, List<Stint>>(StringComparer.Ordinal);
        foreach (var (person, list) in data.Assignments.OrderBy(a => a.Key, StringComparer.Ordinal))
            for (var i = 0; i < list.Count; i++)
                if (list[i].Role is { } role)
                    (byRole.TryGetValue(role, out var l) ? l : byRole[role] = []).Add(
                        new Stint(person, list[i].From, i + 1 < list.Count ? list[i + 1].From : null));
        return byRole.ToDictionary(r => r.Key, r =>
        {
            var stints = r.Value.ToArray();
            new Random(ComparisonSeed).Shuffle(stints);
            return stints;
        }, StringComparer.Ordinal);
    }

    private static Outcome Evaluate(EffectivenessData data, Completion c, string skill, TimeSpan window, DateTimeOffset asOf,
        ILookup<(string, string), DateTimeOffset> learnedSkill, Dictionary<string, Stint[]> stints)
    {
        var start = c.CompletedAt;
        var end = start + window;
        if (end > asOf) return new Outcome(c, skill, null, "window not over by asOf");
        if (!EmployedThroughout(data, c.PersonId, start, end)) return new Outcome(c, skill, null, "left before the window ended");
        if (!data.Skills.TryGetValue(skill, out var info) || info.Range <= 0) return new Outcome(c, skill, null, "skill not defined");
        var change = Change(data, c.PersonId, skill, start, end);
        if (change is null) return new Outcome(c, skill, null, "no level at completion");
        var role = RoleAt(data, c.PersonId, start);
        var comparison = new List<double>();
        // Colleagues: in the same role at the start (their spell in it covers the start; ties at one instant resolve as
        // RoleAt does, the later assignment wins, because the earlier spell then ends where it starts).
        foreach (var stint in role is null ? [] : stints.GetValueOrDefault(role, []))
        {
            if (comparison.Count == MaxComparison) break;
            var person = stint.Person;
            if (person == c.PersonId || stint.From > start || stint.To <= start) continue;
            if (!EmployedThroughout(data, person, start, end)) continue;
            if (learnedSkill[(person, skill)].Any(t => t >= start && t <= end)) continue;
            if (Change(data, person, skill, start, end) is { } d) comparison.Add(d);
        }
        if (comparison.Count == 0) return new Outcome(c, skill, null, "no comparison colleagues");
        return new Outcome(c, skill, (change.Value - comparison.Average()) / info.Range * 100, null);
    }

    private static double? Change(EffectivenessData data, string person, string skill, DateTimeOffset start, DateTimeOffset end) =>
        data.Assessments.TryGetValue((person, skill), out var list) && WeightedRecencyRule.LevelAt(list, start) is { } before
            ? WeightedRecencyRule.LevelAt(list, end)!.Value - before
            : null;

    private static bool EmployedThroughout(EffectivenessData data, string person, DateTimeOffset start, DateTimeOffset end) =>
        data.Employment.TryGetValue(person, out var e) && e.Hired <= start && (e.Left is null || e.Left > end);

    private static string? RoleAt(EffectivenessData data, string person, DateTimeOffset at) =>
        data.Assignments.TryGetValue(person, out var list) ? list.LastOrDefault(a => a.From <= at)?.Role : null;

    /// <summary>
    /// What a completion costs, as ROI counts it: the learner's hours at the loaded hourly cost, plus an equal share of its
    /// programme's costs up to asOf over the programme's completions up to asOf.
    /// </summary>
    private static Func<Completion, double> CostPerCompletion(EffectivenessData data, DateTimeOffset asOf)
    {
        var perProgramme = data.Completions.Where(c => c.CompletedAt <= asOf && c.ProgramId is not null).GroupBy(c => c.ProgramId!)
            .ToDictionary(g => g.Key, g => data.ProgrammeCosts.GetValueOrDefault(g.Key) / g.Count());
        return c => c.Hours * data.LoadedHourlyCost + (c.ProgramId is { } p ? perProgramme.GetValueOrDefault(p) : 0);
    }
}
