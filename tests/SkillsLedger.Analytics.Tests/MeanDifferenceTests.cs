using SkillsLedger.Analytics.Careers;

namespace SkillsLedger.Analytics.Tests;

public class MeanDifferenceTests
{
    [Fact]
    public void Equal_spreads_and_sizes_give_the_pooled_degrees_of_freedom()
    {
        // a = 1, 3 (mean 2, s² 2); b = 4, 6 (mean 5, s² 2): s²/n = 1 each, se = √2 = 1.414214,
        // ν = (1 + 1)² / (1²/1 + 1²/1) = 2; t(0.975, 2) = 4.302653 (table) → half = 4.302653 × 1.414214 = 6.084872 → −3 ± 6.084872.
        var d = MeanDifference.Welch([1, 3], [4, 6])!;
        Assert.Equal(-3, d.Difference, 12);
        Assert.Equal(2, d.Df, 9);
        Assert.Equal(1.414214, d.StdError, 6);
        Assert.Equal(-9.084872, d.CiLow, 5);
        Assert.Equal(3.084872, d.CiHigh, 5);
    }

    [Fact]
    public void Unequal_spreads_give_satterthwaite_degrees_of_freedom()
    {
        // a = 1, 2, 3, 4: mean 2.5, s² = 5/3, s²/n = 5/12; b = 2, 4, 6: mean 4, s² = 4, s²/n = 4/3.
        // se = √(5/12 + 16/12) = √1.75 = 1.322876; ν = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.0625 / (25/432 + 384/432) = 1323/409 = 3.234719.
        // t(0.975, ν) lies between the table's t(0.975, 4) = 2.776445 and t(0.975, 3) = 3.182446.
        var d = MeanDifference.Welch([1, 2, 3, 4], [2, 4, 6])!;
        Assert.Equal(-1.5, d.Difference, 12);
        Assert.Equal(1323.0 / 409.0, d.Df, 9);
        Assert.Equal(Math.Sqrt(1.75), d.StdError, 12);
        var half = d.CiHigh - d.Difference;
        Assert.Equal(half, d.Difference - d.CiLow, 9);
        Assert.InRange(half, 2.776445 * Math.Sqrt(1.75), 3.182446 * Math.Sqrt(1.75));
    }

    [Fact]
    public void No_interval_below_two_values_or_without_spread()
    {
        Assert.Null(MeanDifference.Welch([1], [2, 3]));
        Assert.Null(MeanDifference.Welch([1, 1], [2, 2]));
    }
}
