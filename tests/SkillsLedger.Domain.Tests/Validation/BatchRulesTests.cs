using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;

namespace SkillsLedger.Domain.Tests.Validation;

public class BatchRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Past = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Ledger state held in dictionaries, standing in for the host's database lookup.</summary>
    private sealed class InMemoryLedger : ILedgerLookup
    {
        private readonly Dictionary<string, SkillScale> _skills = new(StringComparer.Ordinal);
        private readonly Dictionary<string, KnownEvent> _events = new(StringComparer.Ordinal);

        public InMemoryLedger WithSkill(string skill, decimal min, decimal max)
        {
            _skills[skill] = new SkillScale(skill, min, max);
            return this;
        }

        public InMemoryLedger With(ILedgerEvent e)
        {
            _events[e.EventId!] = new KnownEvent(e.EventId!, e.Type, StreamKeys.For(e));
            if (e is SkillDefined s) WithSkill(s.Skill, s.ScaleMin, s.ScaleMax);
            return this;
        }

        public SkillScale? FindSkill(string skill) => _skills.GetValueOrDefault(skill);
        public KnownEvent? FindEvent(string eventId) => _events.GetValueOrDefault(eventId);
    }

    private static SkillDefined Skill(string skill, decimal min = 1, decimal max = 5, IReadOnlyList<string>? labels = null, string? id = null) =>
        new(skill, skill.ToUpperInvariant(), min, max, labels, Past, id);

    private static SkillAssessed Assessed(string person, string skill, decimal level, string? id = null, DateTimeOffset? at = null) =>
        new(person, skill, level, AssessmentMethod.Manager, null, null, at ?? Past, id);

    private static AssessmentRetracted Retraction(string person, string retracts, string? id = null) =>
        new(person, retracts, "entered by mistake", Past.AddDays(1), id);

    private static BatchRules.Outcome Check(InMemoryLedger ledger, params ILedgerEvent[] batch) => BatchRules.Check(batch, ledger, Now);

    private static List<string> Fields(BatchRules.Outcome o) => o.Errors.Select(e => e.Field).ToList();

    // ---- skills and scales ----

    [Fact]
    public void A_skill_defined_earlier_in_the_same_batch_counts()
    {
        var outcome = Check(new InMemoryLedger(), Skill("go", 0, 3), Assessed("P1", "go", 3), Assessed("P1", "go", 0));
        Assert.Empty(outcome.Errors);
        Assert.Equal(3, outcome.ToAppend.Count);
    }

    [Fact]
    public void The_scale_of_a_skill_defined_in_the_batch_is_enforced()
    {
        var outcome = Check(new InMemoryLedger(), Skill("go", 0, 3), Assessed("P1", "go", 4));
        Assert.Equal(new FieldError(1, "events[1].level", outcome.Errors[0].Message), Assert.Single(outcome.Errors));
    }

    [Fact]
    public void A_skill_defined_later_in_the_batch_does_not_count()
    {
        var outcome = Check(new InMemoryLedger(), Assessed("P1", "go", 2), Skill("go"));
        Assert.Equal(["events[0].skill"], Fields(outcome));
    }

    [Fact]
    public void A_redefinition_in_the_batch_overrides_the_ledgers_scale()
    {
        var ledger = new InMemoryLedger().WithSkill("go", 1, 5);
        Assert.Empty(Check(ledger, Skill("go", 1, 10), Assessed("P1", "go", 8)).Errors);
        Assert.Equal(["events[0].level"], Fields(Check(ledger, Assessed("P1", "go", 8))));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(3.5, true)]
    [InlineData(0.99, false)]
    [InlineData(5.01, false)]
    public void Levels_must_lie_within_the_skills_scale_inclusive(decimal level, bool ok)
    {
        var outcome = Check(new InMemoryLedger().WithSkill("sql", 1, 5), Assessed("P1", "sql", level));
        Assert.Equal(ok, outcome.Errors.Count == 0);
    }

    [Fact]
    public void An_assessment_on_an_undefined_skill_is_refused()
    {
        var outcome = Check(new InMemoryLedger().WithSkill("sql", 1, 5), Assessed("P1", "cobol", 3));
        Assert.Equal(["events[0].skill"], Fields(outcome));
        Assert.Contains("cobol", outcome.Errors[0].Message);
    }

    [Fact]
    public void Role_requirements_need_defined_skills_and_levels_within_their_scale()
    {
        var role = new RoleProfileDefined("analyst", [new("sql", 3), new("cobol", 2), new("sql-2", 9)], Past);
        var outcome = Check(new InMemoryLedger().WithSkill("sql", 1, 5).WithSkill("sql-2", 1, 5), role);
        Assert.Equal(["events[0].requirements[1].skill", "events[0].requirements[2].level"], Fields(outcome));
        Assert.All(outcome.Errors, e => Assert.Equal(0, e.Index));
    }

    [Fact]
    public void Level_labels_must_match_the_number_of_levels()
    {
        Assert.Empty(Check(new InMemoryLedger(), Skill("a", 1, 3, ["low", "mid", "high"])).Errors);
        Assert.Equal(["events[0].levelLabels"], Fields(Check(new InMemoryLedger(), Skill("a", 1, 3, ["low", "high"]))));
        // A fractional scale has no whole number of levels to count.
        Assert.Empty(Check(new InMemoryLedger(), Skill("a", 0.5m, 3, ["low", "high"])).Errors);
    }

    [Theory]
    [InlineData("3000000000")]                       // more levels than an int holds
    [InlineData("79228162514264337593543950335")]   // decimal.MaxValue: the span overflows
    public void Huge_scales_with_labels_are_refused_not_thrown(string scaleMax)
    {
        var max = decimal.Parse(scaleMax, System.Globalization.CultureInfo.InvariantCulture);
        var outcome = Check(new InMemoryLedger(), Skill("huge", -1, max, ["one"]));
        Assert.Equal(["events[0].levelLabels"], Fields(outcome));
    }

    // ---- event ids ----

    [Fact]
    public void Events_already_in_the_ledger_are_reported_as_duplicates_not_appended()
    {
        var stored = Assessed("P1", "sql", 3, id: "a-1");
        var ledger = new InMemoryLedger().WithSkill("sql", 1, 5).With(stored);
        var outcome = Check(ledger, stored, Assessed("P1", "sql", 4, id: "a-2"));
        Assert.Empty(outcome.Errors);
        Assert.Equal(["a-1"], outcome.Duplicates);
        Assert.Equal(["a-2"], outcome.ToAppend.Select(e => e.EventId));
    }

    [Fact]
    public void A_duplicate_is_not_validated_again()
    {
        // Re-sending a stored event must stay harmless even if it would fail today's rules (e.g. the clock).
        var stored = Assessed("P1", "sql", 3, id: "a-1", at: Now.AddDays(10));
        var outcome = Check(new InMemoryLedger().With(stored), stored);
        Assert.Empty(outcome.Errors);
        Assert.Equal(["a-1"], outcome.Duplicates);
        Assert.Empty(outcome.ToAppend);
    }

    [Fact]
    public void The_same_event_id_twice_in_one_batch_is_an_error_on_the_second()
    {
        var ledger = new InMemoryLedger().WithSkill("sql", 1, 5);
        var outcome = Check(ledger, Assessed("P1", "sql", 3, id: "x"), Assessed("P2", "sql", 3, id: "y"), Assessed("P1", "sql", 4, id: "x"));
        Assert.Equal(new FieldError(2, "events[2].eventId", outcome.Errors[0].Message), Assert.Single(outcome.Errors));
    }

    [Fact]
    public void Events_without_an_id_are_never_duplicates()
    {
        var ledger = new InMemoryLedger().WithSkill("sql", 1, 5);
        var outcome = Check(ledger, Assessed("P1", "sql", 3), Assessed("P1", "sql", 3));
        Assert.Empty(outcome.Errors);
        Assert.Equal(2, outcome.ToAppend.Count);
    }

    // ---- business time ----

    [Theory]
    [InlineData(0, true)]
    [InlineData(23 * 60 + 59, true)]
    [InlineData(24 * 60, true)]
    [InlineData(24 * 60 + 1, false)]
    [InlineData(7 * 24 * 60, false)]
    public void Occurred_at_may_be_at_most_24_hours_ahead_of_now(int minutesAhead, bool ok)
    {
        var ledger = new InMemoryLedger().WithSkill("sql", 1, 5);
        var outcome = BatchRules.Check([Assessed("P1", "sql", 3, at: Now.AddMinutes(minutesAhead))], ledger, Now);
        if (ok) Assert.Empty(outcome.Errors);
        else Assert.Equal(["events[0].occurredAt"], Fields(outcome));
    }

    [Fact]
    public void The_future_tolerance_compares_instants_not_local_clock_readings()
    {
        // 23:59 ahead in UTC, written with a +10:00 offset: the wall clock reads 33:59 ahead of "now" in UTC.
        var at = Now.AddMinutes(23 * 60 + 59).ToOffset(TimeSpan.FromHours(10));
        Assert.Empty(BatchRules.Check([Assessed("P1", "sql", 3, at: at)], new InMemoryLedger().WithSkill("sql", 1, 5), Now).Errors);
        Assert.Equal(TimeSpan.FromHours(24), BatchRules.FutureTolerance);
    }

    // ---- retractions ----

    [Fact]
    public void Retracting_a_stored_assessment_of_the_same_person_is_allowed()
    {
        var ledger = new InMemoryLedger().With(Assessed("P1", "sql", 3, id: "a-1"));
        Assert.Empty(Check(ledger, Retraction("P1", "a-1")).Errors);
    }

    [Fact]
    public void Retracting_an_assessment_made_earlier_in_the_same_batch_is_allowed()
    {
        var ledger = new InMemoryLedger().WithSkill("sql", 1, 5);
        var outcome = Check(ledger, Assessed("P1", "sql", 3, id: "a-new"), Retraction("P1", "a-new"));
        Assert.Empty(outcome.Errors);
        Assert.Equal(2, outcome.ToAppend.Count);
    }

    [Fact]
    public void Retracting_an_assessment_that_comes_later_in_the_batch_is_refused()
    {
        var ledger = new InMemoryLedger().WithSkill("sql", 1, 5);
        Assert.Equal(["events[0].retractsEventId"], Fields(Check(ledger, Retraction("P1", "a-new"), Assessed("P1", "sql", 3, id: "a-new"))));
    }

    [Fact]
    public void Retracting_an_unknown_event_is_refused()
    {
        Assert.Equal(["events[0].retractsEventId"], Fields(Check(new InMemoryLedger(), Retraction("P1", "nope"))));
    }

    [Fact]
    public void Only_skill_assessed_events_can_be_retracted()
    {
        var hired = new PersonHired("P1", "Data", "analyst", null, null, Past, "h-1");
        var ledger = new InMemoryLedger().With(hired).With(Skill("sql", id: "s-1"));
        var outcome = Check(ledger, Retraction("P1", "h-1"), Retraction("P1", "s-1"));
        Assert.Equal(["events[0].retractsEventId", "events[1].retractsEventId"], Fields(outcome));
        Assert.Contains("person_hired", outcome.Errors[0].Message);
        Assert.Contains("skill_defined", outcome.Errors[1].Message);
    }

    [Fact]
    public void Retracting_another_persons_assessment_is_refused()
    {
        var ledger = new InMemoryLedger().With(Assessed("P1", "sql", 3, id: "a-1"));
        Assert.Equal(["events[0].retractsEventId"], Fields(Check(ledger, Retraction("P2", "a-1"))));
    }

    // ---- the batch as a whole ----

    [Fact]
    public void Every_failing_event_is_reported_with_its_index_and_the_prefix()
    {
        var ledger = new InMemoryLedger().WithSkill("sql", 1, 5);
        var batch = new ILedgerEvent[] { Assessed("P1", "sql", 3), Assessed("P1", "sql", 9), Assessed("P1", "cobol", 3), Retraction("P1", "nope") };
        var outcome = BatchRules.Check(batch, ledger, Now, prefix: "lines");
        Assert.Equal(["lines[1].level", "lines[2].skill", "lines[3].retractsEventId"], Fields(outcome));
        Assert.Equal([1, 2, 3], outcome.Errors.Select(e => e.Index ?? -1));
    }
}
