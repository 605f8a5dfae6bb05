namespace SkillsLedger.Analytics.People;

public enum RetentionGrouping { Learner, Program, Department, Generation }

/// <summary>One person in a landmark analysis: followed from hire + landmark until leaving (Left) or asOf (censored).</summary>
public sealed record CohortMember(EmployeeHistory Person, string Group, bool Learner, double Days, bool Left);

public sealed record Cohort(IReadOnlyList<CohortMember> Members, int NotYetAtLandmark, int LeftBeforeLandmark);

/// <summary>
/// Landmark analysis against immortal-time bias: someone must stay employed long enough to be trained, so
/// counting "learner" from the hire date would credit that waiting time to training. Only people still employed
/// at hire + landmark are followed; their group is fixed by what they completed before the landmark, and time runs
/// from the landmark. With grouping by programme each person joins the programme of their first completion
/// (groups must not overlap for the log-rank test); "none" completed nothing in the window.
/// </summary>
public static class LandmarkCohort
{
    public const string NoLearning = "none";

    public static Cohort Build(IEnumerable<EmployeeHistory> people, DateTimeOffset asOf, int landmarkDays, RetentionGrouping grouping)
    {
        var members = new List<CohortMember>();
        int notYet = 0, leftBefore = 0;
        foreach (var p in people)
        {
            var landmark = p.HiredAt.AddDays(landmarkDays);
            if (landmark > asOf) { notYet++; continue; }
            if (p.LeftAt is { } left && left <= landmark) { leftBefore++; continue; }
            var early = p.Learning.Where(l => l.CompletedAt >= p.HiredAt && l.CompletedAt <= landmark)
                .OrderBy(l => l.CompletedAt).ThenBy(l => l.ProgramId, StringComparer.Ordinal).ToList();
            var learner = early.Count > 0;
            var group = grouping switch
            {
                RetentionGrouping.Department => p.Department ?? "(none)",
                RetentionGrouping.Generation => p.Generation ?? People.Generation.Unknown,
                RetentionGrouping.Program => learner ? early[0].ProgramId ?? "(no programme)" : NoLearning,
                _ => learner ? "learner" : NoLearning,
            };
            var leftInTime = p.LeftAt is { } l2 && l2 <= asOf;
            var end = leftInTime ? p.LeftAt!.Value : asOf;
            members.Add(new CohortMember(p, group, learner, (end - landmark).TotalDays, leftInTime));
        }
        return new Cohort(members, notYet, leftBefore);
    }
}
