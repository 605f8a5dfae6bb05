using SkillsLedger.Analytics.People;
using SkillsLedger.Analytics.Roi;

namespace SkillsLedger.Analytics.Tests;

public sealed class RoiCalculatorTests
{
    private static readonly DateTimeOffset Hire = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EmployeeHistory Person(string id, bool learner) => new(id, "D", "agent", Hire, null, 3000,
        learner ? [new LearningRecord("p", Hire.AddDays(30), 5)] : []);

    [Fact]
    public void Every_missing_assumption_is_named_and_none_is_defaulted()
    {
        var people = Enumerable.Range(0, 6).Select(i => Person($"L{i}", true)).Concat(Enumerable.Range(0, 6).Select(i => Person($"N{i}", false))).ToList();
        var signals = people.SelectMany(p => new[]
        {
            new SignalRecord(p.PersonId, "calls", Hire.AddDays(10), 10),
            new SignalRecord(p.PersonId, "calls", Hire.AddDays(60), p.PersonId.StartsWith('L') ? 14 : 10),
        }).ToList();
        var input = new RoiInputs("p", people, PerformanceSignals.From(signals), [new ProgramCostRecord("p", 100, "EUR", "c1")],
            new Dictionary<string, Assumption>(), Hire.AddYears(2));
        var ex = Assert.Throws<RoiInputException>(() => RoiCalculator.Compute(input));
        Assert.Equal("assumptions", ex.Field);
        Assert.Contains("loaded_hourly_cost", ex.Message);
        Assert.Contains("value_per_unit:calls", ex.Message);
        Assert.Contains("replacement_cost_months", ex.Message);
    }

    [Fact]
    public void Costs_in_two_currencies_are_refused()
    {
        var people = new[] { Person("L1", true) };
        var input = new RoiInputs("p", people, PerformanceSignals.From([]), [new ProgramCostRecord("p", 1, "EUR", "a"), new ProgramCostRecord("p", 1, "USD", "b")],
            new Dictionary<string, Assumption>(), Hire.AddYears(1));
        Assert.Equal("currency", Assert.Throws<RoiInputException>(() => RoiCalculator.Compute(input)).Field);
    }
}
