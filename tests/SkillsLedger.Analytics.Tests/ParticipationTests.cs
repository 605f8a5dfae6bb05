using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Tests;

/// <summary>Participation and generation boundaries against hand counts and published Wilson values.</summary>
public sealed class ParticipationTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static EmployeeHistory Person(string id, DateTimeOffset hired, DateTimeOffset? left, params DateTimeOffset[] completions) =>
        new(id, "d", "r", hired, left, null, completions.Select(c => new LearningRecord(null, c, 2)).ToList(), "g");

    [Theory]
    [InlineData(1930, Generation.BabyBoomers)]
    [InlineData(1964, Generation.BabyBoomers)]
    [InlineData(1965, Generation.GenX)]
    [InlineData(1980, Generation.GenX)]
    [InlineData(1981, Generation.Millennials)]
    [InlineData(1996, Generation.Millennials)]
    [InlineData(1997, Generation.GenZ)]
    [InlineData(2015, Generation.GenZ)]
    [InlineData(null, Generation.Unknown)]
    public void Generations_follow_the_documented_boundaries(int? year, string generation) => Assert.Equal(generation, Generation.Of(year));

    [Fact]
    public void Two_of_five_took_part_last_year_with_the_published_wilson_interval()
    {
        var year = new DateTimeOffset(2025, 6, 30, 0, 0, 0, TimeSpan.Zero);
        var people = new[]
        {
            Person("a", year.AddYears(-2), null, AsOf.AddDays(-10)),               // in the year, took part
            Person("b", year.AddYears(-2), null, year),                              // completed exactly at the window's start: outside (from is open)
            Person("c", year.AddYears(-2), year.AddDays(30), year.AddDays(10)),       // left during the year, took part in it
            Person("d", AsOf.AddDays(-5), null),                                     // hired during the year
            Person("e", year.AddYears(-2), null, AsOf.AddDays(1)),                   // completed after asOf: not counted
            Person("f", year.AddYears(-2), year.AddDays(-1)),                        // left before the year: not in it
        };
        var last = Participation.Compute(people, AsOf, p => p.Generation!, minGroupSize: 1, years: 1).Single();
        Assert.Equal((5, 2), (last.N, last.Participants!.Value));
        // Wilson 95 % for 2 of 5 (Newcombe 1998, Table I: 0.1176 to 0.7693).
        Assert.Equal(0.117621, last.CiLow!.Value, 5);
        Assert.Equal(0.769276, last.CiHigh!.Value, 5);
        var suppressed = Participation.Compute(people, AsOf, p => p.Generation!, minGroupSize: 6, years: 1).Single();
        Assert.True(suppressed.Suppressed);
        Assert.Null(suppressed.Share);
        Assert.Equal(5, suppressed.N);
    }
}
