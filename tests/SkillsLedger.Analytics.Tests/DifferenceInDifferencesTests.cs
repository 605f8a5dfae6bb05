using SkillsLedger.Analytics;
using SkillsLedger.Analytics.People;
using SkillsLedger.Analytics.Roi;

namespace SkillsLedger.Analytics.Tests;

/// <summary>
/// The DiD estimator reuses each comparison group's mean change across learners whose windows select the same
/// signals. These tests hold it to the definition written out the slow, obvious way (every learner, every comparison
/// person, every window filtered afresh), on random organisations with irregular signal times, ties, several roles
/// and a missing role: the figures must be identical to the last bit, not merely close.
/// </summary>
public sealed class DifferenceInDifferencesTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Estimates_equal_the_definition_computed_learner_by_learner(int seed, bool monthEnds)
    {
        var (people, signals) = Organisation(seed, monthEnds);
        foreach (var programme in new[] { "p1", "p2" })
            foreach (var window in new[] { 30, 90 })
            {
                var fast = DifferenceInDifferences.Estimate(programme, people, signals, window);
                var slow = Reference(programme, people, signals, window);
                Assert.NotEmpty(slow);
                Assert.Equal(slow.Count, fast.Count);
                foreach (var (f, s) in fast.Zip(slow))
                {
                    Assert.Equal(s.Metric, f.Metric);
                    Assert.Equal(s.Learners, f.Learners);
                    Assert.Equal(s.ComparisonPeople, f.ComparisonPeople);
                    Assert.Equal(s.UnmatchedLearners, f.UnmatchedLearners);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(s.Did), BitConverter.DoubleToInt64Bits(f.Did));
                    Assert.Equal(s.CiLow.HasValue, f.CiLow.HasValue);
                    if (s.CiLow is { } low) Assert.Equal(BitConverter.DoubleToInt64Bits(low), BitConverter.DoubleToInt64Bits(f.CiLow!.Value));
                }
            }
    }

    [Fact]
    public void A_learner_with_no_comparison_person_of_their_role_is_counted_as_unmatched()
    {
        var t0 = new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero);
        var learner = new EmployeeHistory("a", "ops", "analyst", t0.AddYears(-1), null, 3000, [new LearningRecord("p1", t0.AddDays(45), 8)]);
        var other = new EmployeeHistory("b", "ops", "manager", t0.AddYears(-1), null, 3000, []);
        var signals = new[] { 0, 30, 60, 90 }.SelectMany(d => new[]
        {
            new SignalRecord("a", "tickets", t0.AddDays(d), 10 + d), new SignalRecord("b", "tickets", t0.AddDays(d), 20),
        }).ToList();
        var result = DifferenceInDifferences.Estimate("p1", [learner, other], signals, 90);
        Assert.Empty(result); // no learner matched, so no estimate at all
    }

    private static (List<EmployeeHistory>, List<SignalRecord>) Organisation(int seed, bool monthEnds)
    {
        var rng = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string?[] roles = ["analyst", "engineer", "manager", null];
        var people = new List<EmployeeHistory>();
        var signals = new List<SignalRecord>();
        for (var i = 0; i < 160; i++)
        {
            var id = $"e{i:D3}";
            var learning = new List<LearningRecord>();
            if (rng.NextDouble() < 0.35) learning.Add(new LearningRecord("p1", start.AddDays(rng.Next(60, 600)).AddMinutes(rng.Next(0, 1440)), 6));
            if (rng.NextDouble() < 0.25) learning.Add(new LearningRecord(rng.NextDouble() < 0.5 ? "p2" : null, start.AddDays(rng.Next(60, 600)), 4));
            people.Add(new EmployeeHistory(id, "d", roles[rng.Next(roles.Length)], start, null, 3000, learning));
            foreach (var metric in rng.NextDouble() < 0.5 ? new[] { "tickets" } : new[] { "tickets", "sales" })
                for (var m = 0; m < 24; m++)
                {
                    if (rng.NextDouble() < 0.1) continue; // gaps
                    var at = monthEnds ? start.AddMonths(m + 1).AddHours(-1) : start.AddDays(m * 30 + rng.Next(0, 30)).AddMinutes(rng.Next(0, 600));
                    signals.Add(new SignalRecord(id, metric, at, Math.Round(50 + 10 * rng.NextDouble() + m * 0.3, 3) / 3.0));
                    if (rng.NextDouble() < 0.05) signals.Add(new SignalRecord(id, metric, at, 0.1 + rng.NextDouble())); // a tie in time
                }
        }
        // Signals arrive in no particular order: the means must still sum in the given order.
        return (people, signals.OrderBy(_ => rng.Next()).ToList());
    }

    /// <summary>The estimator's definition, learner by learner, with no reuse.</summary>
    private static List<DidEstimate> Reference(string programId, IReadOnlyList<EmployeeHistory> people, IReadOnlyList<SignalRecord> signals, int windowDays)
    {
        var byPerson = signals.GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var learners = people
            .Select(p => (Person: p, First: p.Learning.Where(l => l.ProgramId == programId).Select(l => (DateTimeOffset?)l.CompletedAt).Min()))
            .Where(x => x.First is not null).ToList();
        var pool = people.Where(p => p.Learning.All(l => l.ProgramId != programId)).ToList();
        var net = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var used = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var unmatched = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (learner, first) in learners)
        {
            if (!byPerson.TryGetValue(learner.PersonId, out var own)) continue;
            foreach (var metric in own.Select(s => s.Metric).Distinct().Order(StringComparer.Ordinal))
            {
                if (Change(own, metric, first!.Value, windowDays) is not { } delta) { unmatched[metric] = unmatched.GetValueOrDefault(metric) + 1; continue; }
                var comparisons = pool.Where(c => c.Role == learner.Role && byPerson.ContainsKey(c.PersonId))
                    .Select(c => (c.PersonId, Delta: Change(byPerson[c.PersonId], metric, first.Value, windowDays)))
                    .Where(c => c.Delta is not null).ToList();
                if (comparisons.Count == 0) { unmatched[metric] = unmatched.GetValueOrDefault(metric) + 1; continue; }
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

    private static double? Change(IReadOnlyList<SignalRecord> signals, string metric, DateTimeOffset start, int windowDays)
    {
        var before = signals.Where(s => s.Metric == metric && s.At >= start.AddDays(-windowDays) && s.At < start).Select(s => s.Value).ToList();
        var after = signals.Where(s => s.Metric == metric && s.At > start && s.At <= start.AddDays(windowDays)).Select(s => s.Value).ToList();
        return before.Count > 0 && after.Count > 0 ? after.Average() - before.Average() : null;
    }
}
