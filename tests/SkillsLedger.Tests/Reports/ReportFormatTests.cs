using SkillsLedger.Reports;

namespace SkillsLedger.Tests.Reports;

/// <summary>Counts shown to people carry their noun in the right number (the report said "1 learners"); Dutch writes numbers its own way.</summary>
public sealed class ReportFormatTests
{
    [Theory]
    [InlineData(1, "1 learner", "1 person")]
    [InlineData(0, "0 learners", "0 people")]
    [InlineData(2, "2 learners", "2 people")]
    [InlineData(1234, "1,234 learners", "1,234 people")]
    public void Nouns_agree_with_the_count(int n, string learners, string people)
    {
        Assert.Equal(learners, ReportFormat.English.Learners(n));
        Assert.Equal(people, ReportFormat.English.People(n));
    }

    [Fact]
    public void Dutch_uses_a_decimal_comma_a_thousands_point_and_Dutch_words()
    {
        var nl = ReportFormat.Dutch;
        Assert.Equal("1.234 deelnemers", nl.Learners(1234));
        Assert.Equal("1 medewerker", nl.People(1));
        Assert.Equal("87,3 %", nl.Share(0.873));
        Assert.Equal("−1.234,5", nl.Number(-1234.5, "N1"));
        Assert.Equal("EUR 44.640", nl.Money(44640, "EUR"));
        Assert.Equal("95%-BI −0,20 tot 1,50", nl.Interval(-0.2, 1.5, v => nl.Number(v, "N2")));
        Assert.Equal("p = 0,042", nl.PValue(0.042));
        Assert.Equal("2,5 maanden", nl.Months(2.5));
        Assert.Equal("5 december 2026", nl.Date(new DateOnly(2026, 12, 5)));
        Assert.Equal("5 December 2026", ReportFormat.English.Date(new DateOnly(2026, 12, 5)));
        Assert.Equal("95 % CI 0.58–0.90", ReportFormat.English.Interval(0.58, 0.9, v => ReportFormat.English.Number(v, "N2")));
    }
}
