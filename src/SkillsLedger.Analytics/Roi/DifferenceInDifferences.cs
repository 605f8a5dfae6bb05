using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Roi;

public sealed record DidEstimate(string Metric, int Learners, int ComparisonPeople, int UnmatchedLearners, double Did, double? CiLow, double? CiHigh);

/// <summary>
/// Difference in differences per metric. For each learner: mean of the metric in the <c>window</c> days after their
/// first completion in the programme minus the mean in the <c>window</c> days before. The comparison is people of the
/// same role who completed no course of the programme, over the same calendar windows; each learner's change is
/// netted against their comparison group's mean change. The DiD is the mean of those net changes, with a 95 %
/// Student-t interval over learners (it treats each comparison mean as known, so it is somewhat narrow when
/// comparison groups are small). Learners without signals in both windows, or without any comparison person with
/// signals in both, are left out and counted as unmatched.
/// </summary>
public static class DifferenceInDifferences
{
    public static IReadOnlyList<DidEstimate> Estimate(string programId, IReadOnlyList<EmployeeHistory> people, IReadOnlyList<SignalRecord> signals, int windowDays)
    {
        var byPerson = signals.GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var learners = people
            .Select(p => (Person: p, First: p.Learning.Where(l => l.ProgramId == programId).Select(l => (DateTimeOffset?)l.CompletedAt).Min()))
            .Where(x => x.First is not null)
            .ToList();
        var comparisonPool = people.Where(p => p.Learning.All(l => l.ProgramId != programId)).ToList();

        var net = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var used = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var unmatched = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (learner, first) in learners)
        {
            if (!byPerson.TryGetValue(learner.PersonId, out var own)) continue;
            foreach (var metric in own.Select(s => s.Metric).Distinct().Order(StringComparer.Ordinal))
            {
                if (Change(own, metric, first!.Value, windowDays) is not { } delta) { Bump(unmatched, metric); continue; }
                var comparisons = comparisonPool
                    .Where(c => c.Role == learner.Role && byPerson.ContainsKey(c.PersonId))
                    .Select(c => (c.PersonId, Delta: Change(byPerson[c.PersonId], metric, first.Value, windowDays)))
                    .Where(c => c.Delta is not null)
                    .ToList();
                if (comparisons.Count == 0) { Bump(unmatched, metric); continue; }
                if (!net.TryGetValue(metric, out var list)) { net[metric] = list = []; used[metric] = new(StringComparer.Ordinal); }
                list.Add(delta - comparisons.Average(c => c.Delta!.Value));
                used[metric].UnionWith(comparisons.Select(c => c.PersonId));
            }
        }
        return net.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var m = Summary.MeanConfidenceInterval(kv.Value);
            return new DidEstimate(kv.Key, m.N, used[kv.Key].Count, unmatched.GetValueOrDefault(kv.Key), m.Mean, m.CiLow, m.CiHigh);
        }).ToList();
    }

    /// <summary>Mean after minus mean before the start date; null without signals on both sides.</summary>
    internal static double? Change(IReadOnlyList<SignalRecord> signals, string metric, DateTimeOffset start, int windowDays)
    {
        var before = signals.Where(s => s.Metric == metric && s.At >= start.AddDays(-windowDays) && s.At < start).Select(s => s.Value).ToList();
        var after = signals.Where(s => s.Metric == metric && s.At > start && s.At <= start.AddDays(windowDays)).Select(s => s.Value).ToList();
        return before.Count > 0 && after.Count > 0 ? after.Average() - before.Average() : null;
    }

    private static void Bump(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
