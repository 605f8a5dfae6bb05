using System.Text.Json;
using SkillsLedger.Analytics.People;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Analytics.Tests.Previous;

namespace SkillsLedger.Analytics.Tests;

/// <summary>
/// ROI of every programme shares work between programmes (signals in flat arrays, role groups, learners and the
/// landmark cohort found once). These tests hold it to the implementation before that change (kept in Previous/) on
/// random organisations — hires and departures, several roles and a missing role, irregular signal times with ties
/// and gaps, courses in several programmes — computing every programme from the same inputs in a shuffled order and
/// at two as-of dates: every figure must be identical to the last bit (compared as round-trip JSON).
/// </summary>
public sealed class RoiEquivalenceTests
{
    private static readonly JsonSerializerOptions Exact = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(14, true)]
    public void Roi_of_every_programme_equals_the_previous_implementation(int seed, bool monthEnds)
    {
        var (people, signals) = Organisation(seed, monthEnds, 400);
        var flat = PerformanceSignals.From(signals);
        var costs = new[] { "p1", "p2", "p3", "p4" }.Select((p, i) => new ProgramCostRecord(p, 1000 + 250 * i, "EUR", $"c{i}")).ToList();
        var assumptions = new Dictionary<string, Assumption>(StringComparer.Ordinal)
        {
            [RoiCalculator.LoadedHourlyCost] = new(RoiCalculator.LoadedHourlyCost, 42.5, "EUR/h", null, "a1"),
            [RoiCalculator.ReplacementCostMonths] = new(RoiCalculator.ReplacementCostMonths, 4, "months", null, "a2"),
            ["value_per_unit:tickets"] = new("value_per_unit:tickets", 3.25, "EUR", null, "a3"),
            ["value_per_unit:sales"] = new("value_per_unit:sales", 0.75, "EUR", null, "a4"),
        };
        var rng = new Random(seed);
        var computed = 0;
        foreach (var asOf in new[] { new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero), new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero) })
            foreach (var programme in new[] { "p1", "p2", "p3", "p4", "p5" }.OrderBy(_ => rng.Next()))
                foreach (var minGroup in new[] { 1, 5 })
                {
                    var programmeCosts = costs.Where(c => c.ProgramId == programme).ToList();
                    var now = Outcome(() => RoiCalculator.Compute(new RoiInputs(programme, people, flat, programmeCosts, assumptions, asOf, MinGroupSize: minGroup)));
                    var before = Outcome(() => PreviousRoiCalculator.Compute(new PreviousRoiInputs(programme, people, signals, programmeCosts, assumptions, asOf, MinGroupSize: minGroup)));
                    Assert.Equal(before, now);
                    if (now.StartsWith('{')) computed++;
                }
        Assert.True(computed >= 8, $"only {computed} programmes computed: the comparison would prove little");
        // A missing assumption is named the same way.
        var partial = assumptions.Where(a => a.Key != "value_per_unit:sales").ToDictionary();
        var asOfNow = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            Outcome(() => PreviousRoiCalculator.Compute(new PreviousRoiInputs("p1", people, signals, costs, partial, asOfNow))),
            Outcome(() => RoiCalculator.Compute(new RoiInputs("p1", people, flat, costs, partial, asOfNow))));
    }

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    public void Every_programme_from_shared_signals_equals_the_previous_estimator(int seed, bool monthEnds)
    {
        var (people, signals) = Organisation(seed, monthEnds, 300);
        var flat = PerformanceSignals.From(signals);
        foreach (var window in new[] { 30, 90, 180 })
            foreach (var programme in new[] { "p3", "p1", "p4", "p2", "p5" })
            {
                var now = JsonSerializer.Serialize(DifferenceInDifferences.Estimate(programme, people, flat, window), Exact);
                var before = JsonSerializer.Serialize(PreviousDifferenceInDifferences.Estimate(programme, people, signals, window), Exact);
                Assert.Equal(before, now);
            }
    }

    [Fact]
    public void Signals_given_whole_per_person_and_metric_equal_signals_given_one_by_one()
    {
        var (people, signals) = Organisation(31, monthEnds: true, 200);
        // As the database sends them: each person-metric whole, in time order (ties in their given order).
        var builder = new PerformanceSignals.Builder();
        foreach (var run in signals.Select((s, i) => (s, i)).GroupBy(x => (x.s.PersonId, x.s.Metric)))
        {
            var ordered = run.OrderBy(x => x.s.At).ThenBy(x => x.i).Select(x => x.s).ToList();
            builder.AddRun(run.Key.PersonId, run.Key.Metric, ordered.Select(s => s.At.UtcTicks).ToArray(), ordered.Select(s => s.Value).ToArray());
        }
        var whole = builder.Build();
        var ordinal = signals.Select((s, i) => (s, i)).OrderBy(x => x.s.PersonId, StringComparer.Ordinal).ThenBy(x => x.s.Metric, StringComparer.Ordinal)
            .ThenBy(x => x.s.At).ThenBy(x => x.i).Select(x => x.s).ToList();
        Assert.Equal(signals.Count, whole.Count);
        foreach (var programme in new[] { "p1", "p2" })
            Assert.Equal(
                JsonSerializer.Serialize(PreviousDifferenceInDifferences.Estimate(programme, people, ordinal, 90), Exact),
                JsonSerializer.Serialize(DifferenceInDifferences.Estimate(programme, people, whole, 90), Exact));
    }

    private static string Outcome(Func<RoiResult> compute)
    {
        try { return JsonSerializer.Serialize(compute(), Exact); }
        catch (RoiInputException ex) { return $"{ex.Field}: {ex.Message}"; }
    }

    /// <summary>A random organisation: people hired over three years, some leaving; courses in p1–p4 (p5 has none).</summary>
    internal static (List<EmployeeHistory> People, List<SignalRecord> Signals) Organisation(int seed, bool monthEnds, int size)
    {
        var rng = new Random(seed);
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string?[] roles = ["analyst", "engineer", "manager", "agent", null];
        var people = new List<EmployeeHistory>();
        var signals = new List<SignalRecord>();
        for (var i = 0; i < size; i++)
        {
            var id = $"e{i:D4}";
            var hired = start.AddDays(rng.Next(0, 900)).AddHours(rng.Next(0, 24));
            DateTimeOffset? left = rng.NextDouble() < 0.3 ? hired.AddDays(rng.Next(20, 900)) : null;
            var learning = new List<LearningRecord>();
            foreach (var programme in new[] { "p1", "p2", "p3", "p4" })
                while (rng.NextDouble() < 0.25)
                    learning.Add(new LearningRecord(programme, hired.AddDays(rng.Next(0, 400)).AddMinutes(rng.Next(0, 1440)), rng.Next(1, 12) / 2.0));
            if (rng.NextDouble() < 0.1) learning.Add(new LearningRecord(null, hired.AddDays(rng.Next(0, 300)), 3));
            double? salary = rng.NextDouble() < 0.9 ? Math.Round(2500 + 3000 * rng.NextDouble(), 2) : null;
            people.Add(new EmployeeHistory(id, $"d{rng.Next(3)}", roles[rng.Next(roles.Length)], hired, left, salary, learning));
            foreach (var metric in rng.NextDouble() < 0.6 ? new[] { "tickets" } : new[] { "sales", "tickets" })
                for (var m = 0; m < 40; m++)
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
}
