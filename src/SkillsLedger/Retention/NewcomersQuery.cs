using SkillsLedger.Analytics.People;

namespace SkillsLedger.Retention;

public sealed record NewcomerGroupView(string Group, int N, int? LeftWithinYear, double? Share, double? CiLow, double? CiHigh, bool Suppressed);

/// <param name="LandmarkDays">Day after hire at which learner and programme groups are fixed; null for departments (no landmark needed).</param>
/// <param name="LeftBeforeLandmark">Newcomers who left by the landmark: in <paramref name="Overall"/>, in no group.</param>
/// <param name="Caveats">What the split cannot tell; read before quoting a group difference.</param>
public sealed record NewcomersView(DateTimeOffset AsOf, string By, int? LandmarkDays, string Method, int MinGroupSize, NewcomerGroupView Overall,
    int? LeftBeforeLandmark, IReadOnlyList<NewcomerGroupView> Groups, IReadOnlyList<string> Caveats);

/// <summary>
/// Newcomer attrition, overall and by group. Learner and programme groups use a landmark (docs/methods.md 3.5): a
/// split by "completed a course within 12 months of hire" compares people who stayed long enough to learn with people
/// who left before they could (immortal-time bias; the demo showed 6.9 % vs 19.5 % this way). So only
/// newcomers still employed at hire + landmark are grouped, by what they had completed by then, as in the retention
/// analysis (<see cref="LandmarkCohort"/>).
/// </summary>
public static class NewcomersQuery
{
    public static readonly string[] Groupings = ["learner", "program", "department"];

    public static NewcomersView Analyse(IReadOnlyList<EmployeeHistory> people, DateTimeOffset asOf, string by, int landmarkDays, int minGroup)
    {
        if (!RetentionQuery.TryGrouping(by, out var grouping)) throw new ArgumentOutOfRangeException(nameof(by), by, "must be one of learner|program|department");
        var cohort = people.Where(p => NewcomerRetention.IsNewcomerCohort(p, asOf)).ToList();
        var overall = View("all", cohort, asOf, minGroup);
        const string share = "share of people hired ≥ 12 months before asOf who left within 12 months of hire; Wilson 95 % interval";
        if (grouping == RetentionGrouping.Department)
            return new NewcomersView(asOf, by, null, share + "; grouped by current department", minGroup, overall, null,
                Groups(cohort.Select(p => (p.Department ?? "(none)", p)), asOf, minGroup),
                ["Department is the person's current (or last) department, not necessarily the one they were hired into."]);

        var landmark = LandmarkCohort.Build(cohort, asOf, landmarkDays, grouping);
        return new NewcomersView(asOf, by, landmarkDays,
            $"{share}; groups: newcomers still employed at hire + {landmarkDays} days (landmark), by what they had completed by then " +
            $"({(grouping == RetentionGrouping.Program ? "the programme of their first completion" : "learner")} or none), " +
            "left within 12 months of hire counted after the landmark",
            minGroup, overall, landmark.LeftBeforeLandmark, Groups(landmark.Members.Select(m => (m.Group, m.Person)), asOf, minGroup),
            [$"{landmark.LeftBeforeLandmark} {(landmark.LeftBeforeLandmark == 1 ? "newcomer" : "newcomers")} left within {landmarkDays} days of hire: they are in overall but in no group, since " +
             "nobody can tell what they would have learned (a learner/none split from hire would count them as non-learners who left).",
             "An association, not an effect: people who choose to learn may differ in ways that also keep them. For an effect with " +
             "time to leaving see GET /api/analytics/retention; for money, GET /api/analytics/roi."]);
    }

    private static List<NewcomerGroupView> Groups(IEnumerable<(string Group, EmployeeHistory Person)> members, DateTimeOffset asOf, int minGroup) =>
        members.GroupBy(x => x.Group)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => View(g.Key, g.Select(x => x.Person).ToList(), asOf, minGroup))
            .ToList();

    private static NewcomerGroupView View(string group, IReadOnlyList<EmployeeHistory> people, DateTimeOffset asOf, int minGroup)
    {
        // Small groups identify people and mislead: show n, withhold the figures.
        if (people.Count < minGroup) return new NewcomerGroupView(group, people.Count, null, null, null, null, true);
        var s = NewcomerRetention.Share(people, asOf)!;
        return new NewcomerGroupView(group, s.N, s.LeftWithinYear, s.Share, s.CiLow, s.CiHigh, false);
    }
}
