using SkillsLedger.Analytics.Careers;

namespace SkillsLedger.Analytics.Tests;

/// <summary>Type-7 quantiles against values worked out by hand (h = (n − 1)p, linear between order statistics; R's quantile() default).</summary>
public sealed class QuantilesTests
{
    [Fact]
    public void Quartiles_of_six_values_interpolate_between_order_statistics()
    {
        // Sorted 7, 15, 36, 39, 40, 41: p25 h = 1.25 → 15 + 0.25·21 = 20.25; median h = 2.5 → 37.5; p75 h = 3.75 → 39.75.
        var s = Quantiles.Summarise([41, 7, 39, 15, 40, 36])!;
        Assert.Equal((6, 37.5, 20.25, 39.75), (s.N, s.Median, s.P25, s.P75));
    }

    [Fact]
    public void One_value_is_every_quantile_and_no_value_has_none()
    {
        Assert.Equal(new SampleSummary(1, 3, 3, 3), Quantiles.Summarise([3]));
        Assert.Null(Quantiles.Summarise([]));
        Assert.Equal(2.5, Quantiles.Of([1, 2, 3, 4], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Of([1, 2], 1.5));
    }
}
