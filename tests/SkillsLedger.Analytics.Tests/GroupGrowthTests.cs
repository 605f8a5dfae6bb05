using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Tests;

/// <summary>The worked example of docs/methods.md §2 ("growth of a group"), computed by hand there.</summary>
public sealed class GroupGrowthTests
{
    [Fact]
    public void People_are_the_unit_one_scale_gives_levels_per_year()
    {
        // P1: 0.5 and 1.0 → 0.75; P2: 0.25; P3: 1.0, 0.5, 0.0 → 0.5. Means 0.75, 0.25, 0.5: x̄ = 0.5, s = 0.25,
        // s/√3 = 0.144338, t(0.975, 2) = 4.302653 → 0.5 ± 0.621034 = (−0.121034, 1.121034).
        var g = GroupGrowth.Estimate(
        [
            new("P1", 0.5, 1, 5), new("P1", 1.0, 1, 5), new("P2", 0.25, 1, 5),
            new("P3", 1.0, 1, 5), new("P3", 0.5, 1, 5), new("P3", 0.0, 1, 5),
        ]);
        Assert.Equal((3, 6, false), (g.People, g.PersonSkills, g.ShareOfScale));
        Assert.Equal(GroupGrowth.LevelUnit, g.Unit);
        Assert.Equal(0.5, g.Estimate.Mean, 12);
        Assert.Equal(0.25, g.Estimate.StdDev, 12);
        Assert.Equal(-0.121034, g.Estimate.CiLow!.Value, 6);
        Assert.Equal(1.121034, g.Estimate.CiHigh!.Value, 6);
        // Treating the six person-skills as independent would have said n = 6 and mean 0.541667: the old, too narrow figure.
        Assert.NotEqual(6, g.Estimate.N);
    }

    [Fact]
    public void Mixed_scales_are_compared_as_shares_of_their_scale()
    {
        // P1: 0.4 on 1–5 (0.1 of the scale) and 10 on 0–100 (0.1) → 0.1; P2: 0.8 on 1–5 → 0.2; P3: 30 on 0–100 → 0.3.
        // x̄ = 0.2, s = 0.1, s/√3 = 0.057735, × 4.302653 = 0.248414 → (−0.048414, 0.448414).
        var g = GroupGrowth.Estimate([new("P1", 0.4, 1, 5), new("P1", 10, 0, 100), new("P2", 0.8, 1, 5), new("P3", 30, 0, 100)]);
        Assert.True(g.ShareOfScale);
        Assert.Equal(GroupGrowth.ShareUnit, g.Unit);
        Assert.Equal(0.2, g.Estimate.Mean, 12);
        Assert.Equal(-0.048414, g.Estimate.CiLow!.Value, 6);
        Assert.Equal(0.448414, g.Estimate.CiHigh!.Value, 6);
    }
}
