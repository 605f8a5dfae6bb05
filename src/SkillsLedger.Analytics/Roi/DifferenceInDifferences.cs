using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Roi;

/// <param name="Did">Mean net change of the metric's monthly totals: see <see cref="Unit"/>.</param>
public sealed record DidEstimate(string Metric, int Learners, int ComparisonPeople, int UnmatchedLearners, double Did, double? CiLow, double? CiHigh)
{
    /// <summary>
    /// The unit of <see cref="Did"/>, <see cref="CiLow"/> and <see cref="CiHigh"/>: the metric's monthly total, per learner (a
    /// mean over learners of their change net of the comparison group's). A number without it reads as money or a share.
    /// </summary>
    public string Unit => $"{Metric} per learner per month";
}

/// <summary>
/// Difference in differences per metric. For each learner: mean of the metric in the <c>window</c> days after their
/// first completion in the programme minus the mean in the <c>window</c> days before. The comparison is people of the
/// same role who completed no course of the programme, over the same calendar windows; each learner's change is
/// netted against their comparison group's mean change. The DiD is the mean of those net changes, with a 95 %
/// Student-t interval over learners (it treats each comparison mean as known, so it is somewhat narrow when
/// comparison groups are small). Learners without signals in both windows, or without any comparison person with
/// signals in both, are left out and counted as unmatched.
/// </summary>
/// <remarks>
/// Cost: a comparison group's mean change depends only on the role, the metric and which of the metric's recorded
/// signal times fall in the two windows (a <see cref="GroupKey"/>), so it is computed once per such combination —
/// with monthly figures a few hundred serve 100,000 people. Each role member's change for a key is computed once for
/// every programme (<see cref="RoleIndex"/>); a programme only leaves its own learners out. The figures are the same
/// to the last bit as the definition: every mean still sums the same values in the same order.
/// </remarks>
public static class DifferenceInDifferences
{
    public static IReadOnlyList<DidEstimate> Estimate(string programId, IReadOnlyList<EmployeeHistory> people, IReadOnlyList<SignalRecord> signals, int windowDays) =>
        Estimate(programId, people, PerformanceSignals.From(signals), windowDays);

    public static IReadOnlyList<DidEstimate> Estimate(string programId, IReadOnlyList<EmployeeHistory> people, PerformanceSignals signals, int windowDays)
    {
        var roles = signals.RolesOf(people);
        var learners = ProgrammeLearners.Of(people, programId);
        var metrics = signals.Metrics.Count;
        var groups = new Dictionary<GroupKey, double?>();
        var net = new List<double>?[metrics];
        var served = new bool[metrics][]; // comparison people used for each metric, by index in `people`
        var unmatched = new int[metrics];
        for (var k = 0; k < learners.People.Length; k++)
        {
            var person = learners.People[k];
            var slot = roles.Slot[person];
            if (slot < 0) continue;
            var start = learners.First[k];
            for (var run = signals.FirstRun(slot); run < signals.EndRun(slot); run++)
            {
                var metric = signals.MetricOf(run);
                var window = Window.Of(signals.Axes[metric], start, windowDays);
                if (signals.Change(run, window.BeforeFrom, window.BeforeTo, window.AfterFrom, window.AfterTo) is not { } delta) { unmatched[metric]++; continue; }
                var key = new GroupKey(roles.Role[person], metric, window);
                if (!groups.TryGetValue(key, out var mean))
                    groups[key] = mean = MeanChange(roles.Changes(key), learners.Took, served[metric] ??= new bool[people.Count]);
                if (mean is not { } m) { unmatched[metric]++; continue; }
                (net[metric] ??= []).Add(delta - m);
            }
        }
        return Enumerable.Range(0, metrics).Where(m => net[m] is not null).OrderBy(m => signals.Metrics[m], StringComparer.Ordinal).Select(metric =>
        {
            var m = Summary.MeanConfidenceInterval(net[metric]!);
            return new DidEstimate(signals.Metrics[metric], m.N, served[metric]!.Count(x => x), unmatched[metric], m.Mean, m.CiLow, m.CiHigh);
        }).ToList();
    }

    /// <summary>
    /// The comparison group's mean change: role members who did not take the programme, in the order of `people`,
    /// summed from the first value (as Enumerable.Average does); null when no one is left. Marks who served.
    /// </summary>
    private static double? MeanChange(RoleIndex.MemberChanges changes, bool[] took, bool[] served)
    {
        double? sum = null;
        var count = 0;
        for (var i = 0; i < changes.Person.Length; i++)
        {
            if (took[changes.Person[i]]) continue;
            var d = changes.Change[i];
            sum = sum is { } t ? t + d : d;
            count++;
        }
        if (sum is not { } total) return null;
        foreach (var person in changes.Person)
            if (!took[person]) served[person] = true;
        return total / count;
    }

    /// <summary>
    /// The two windows as ranges of positions on the metric's time axis: [start − window, start) before and
    /// (start, start + window] after. Two starts with the same ranges select exactly the same signals of everyone.
    /// </summary>
    internal readonly record struct Window(int BeforeFrom, int BeforeTo, int AfterFrom, int AfterTo)
    {
        public static Window Of(long[] axis, DateTimeOffset start, int windowDays) => new(
            PerformanceSignals.FirstIndex(axis, start.AddDays(-windowDays).UtcTicks, strictlyAfter: false),
            PerformanceSignals.FirstIndex(axis, start.UtcTicks, strictlyAfter: false),
            PerformanceSignals.FirstIndex(axis, start.UtcTicks, strictlyAfter: true),
            PerformanceSignals.FirstIndex(axis, start.AddDays(windowDays).UtcTicks, strictlyAfter: true));
    }

    /// <summary>Role (as a number, see <see cref="RoleIndex"/>), metric and windows: one comparison group.</summary>
    internal readonly record struct GroupKey(int Role, int Metric, Window Window);
}
