using F = SkillsLedger.Reports.ReportFormat;

namespace SkillsLedger.Tests.Reports;

/// <summary>Counts shown to people carry their noun in the right number (the report said "1 learners").</summary>
public sealed class ReportFormatTests
{
    [Theory]
    [InlineData(1, "1 learner", "1 person")]
    [InlineData(0, "0 learners", "0 people")]
    [InlineData(2, "2 learners", "2 people")]
    [InlineData(1234, "1,234 learners", "1,234 people")]
    public void Nouns_agree_with_the_count(int n, string learners, string people)
    {
        Assert.Equal(learners, F.Learners(n));
        Assert.Equal(people, F.People(n));
    }
}
