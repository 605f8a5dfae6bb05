using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Tests.Ingestion;

public sealed class ImportProfileTests
{
    [Fact]
    public void A_step_is_summed_while_a_profile_listens_and_costs_nothing_after()
    {
        using (var profile = new ImportProfile())
        {
            using (ImportProfile.Time("step a")) Thread.Sleep(2);
            using (ImportProfile.Time("step a")) Thread.Sleep(2);
            var lines = profile.Lines(10, TimeSpan.FromSeconds(1)).ToList();
            Assert.Contains(lines, l => l.StartsWith("  step a"));
        }
        Assert.Null(ImportProfile.Time("step b"));
    }
}
