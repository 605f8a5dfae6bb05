namespace SkillsLedger.Analytics.Tests;

public class SummaryTests
{
    [Fact]
    public void Mean_interval_worked_example()
    {
        // Worked by hand: values 2, 4, 4, 4, 5, 5, 7, 9 (n = 8).
        //   mean = 40 / 8 = 5
        //   deviations −3, −1, −1, −1, 0, 0, 2, 4 → squares 9, 1, 1, 1, 0, 0, 4, 16, sum 32
        //   s² = 32 / 7 = 4.571429, s = 2.138090
        //   SE = s / √8 = 0.755929
        //   t_{0.975, 7} = 2.364624 (t table)
        //   half-width = 2.364624 × 0.755929 = 1.787488 → CI (3.212512, 6.787488)
        var estimate = Summary.MeanConfidenceInterval([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(8, estimate.N);
        Assert.Equal(7, estimate.Df);
        Assert.Equal(5.0, estimate.Mean, 1e-12);
        Assert.Equal(Math.Sqrt(32.0 / 7.0), estimate.StdDev, 1e-12);
        Assert.Equal(2.138090, estimate.StdDev, 1e-6);
        Assert.Equal(0.755929, estimate.StdError, 1e-6);
        Assert.Equal(3.212512, estimate.CiLow!.Value, 1e-5);
        Assert.Equal(6.787488, estimate.CiHigh!.Value, 1e-5);
        Assert.Equal(0.95, estimate.Level);
    }

    [Fact]
    public void Mean_interval_at_99_percent()
    {
        // Same data, level 0.99: t_{0.995, 7} = 3.499483 (t table, 3.4995); half-width = 3.499483 × 0.755929 = 2.645361.
        var estimate = Summary.MeanConfidenceInterval([2, 4, 4, 4, 5, 5, 7, 9], 0.99);
        Assert.Equal(5 - 2.645361, estimate.CiLow!.Value, 1e-4);
        Assert.Equal(5 + 2.645361, estimate.CiHigh!.Value, 1e-4);
    }

    [Fact]
    public void Single_value_has_no_interval()
    {
        var estimate = Summary.MeanConfidenceInterval([3.5]);
        Assert.Equal(1, estimate.N);
        Assert.Equal(3.5, estimate.Mean);
        Assert.Null(estimate.CiLow);
        Assert.Null(estimate.CiHigh);
        Assert.True(double.IsNaN(estimate.StdDev));
        Assert.Equal(0, estimate.Df);
    }

    [Fact]
    public void Two_values_use_df_one()
    {
        // Hand: values 1, 3 → mean 2, s = √2, SE = 1, t_{0.975,1} = 12.7062 → CI 2 ± 12.7062.
        var estimate = Summary.MeanConfidenceInterval([1, 3]);
        Assert.Equal(2 - 12.7062, estimate.CiLow!.Value, 1e-4);
        Assert.Equal(2 + 12.7062, estimate.CiHigh!.Value, 1e-4);
    }

    [Fact]
    public void Rejects_empty_non_finite_and_bad_level()
    {
        Assert.Throws<ArgumentException>(() => Summary.MeanConfidenceInterval([]));
        Assert.Throws<ArgumentException>(() => Summary.MeanConfidenceInterval([1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Summary.MeanConfidenceInterval([1, 2], 1.0));
    }
}
