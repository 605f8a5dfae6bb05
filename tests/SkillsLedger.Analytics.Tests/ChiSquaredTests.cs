namespace SkillsLedger.Analytics.Tests;

public class ChiSquaredTests
{
    [Theory]
    // Chi-square table, upper 5% critical values (e.g. NIST/SEMATECH e-Handbook §1.3.6.7.4): df=1 3.841459, df=2 5.991465
    // give an upper-tail probability of exactly 0.05. χ² = 10.0 with df = 3 has p = 0.018566 (published p-value calculators;
    // cross-check: Q(1.5, 5) = erfc(√5) + 2√(5/π) e^−5 = 0.0185661354).
    [InlineData(3.841459, 1.0, 0.05)]
    [InlineData(5.991465, 2.0, 0.05)]
    [InlineData(10.0, 3.0, 0.018566)]
    public void Survival_matches_published_p_values(double chi2, double df, double p)
    {
        Assert.Equal(p, ChiSquared.Survival(chi2, df), 1e-6);
        Assert.Equal(1 - p, ChiSquared.Cdf(chi2, df), 1e-6);
    }

    [Fact]
    public void Survival_df3_matches_closed_form()
    {
        // For odd df: Q(χ² | 3) = erfc(√(x/2)) + √(2x/π) e^(−x/2) (A&S 26.4.4). With x = 10: erfc(√5) + √(20/π) e^−5.
        var x = 10.0;
        var expected = SpecialFunctions.Erfc(Math.Sqrt(x / 2)) + Math.Sqrt(2 * x / Math.PI) * Math.Exp(-x / 2);
        Assert.Equal(expected, ChiSquared.Survival(x, 3), 1e-14);
        Assert.Equal(0.0185661354, expected, 1e-9);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(2.0)]
    [InlineData(40.0)]
    [InlineData(1400.0)]
    public void Survival_df2_is_exponential(double x)
    {
        // df = 2 is exponential with mean 2: Q = e^(−x/2) (A&S 26.4.21 with ν = 2).
        Assert.Equal(1.0, ChiSquared.Survival(x, 2) / Math.Exp(-x / 2), 1e-13);
    }

    [Theory]
    // Chi-square table: 0.95 quantiles df=1 3.841459, df=2 5.991465, df=10 18.307038; 0.99 quantile df=5 15.086272;
    // 0.05 quantile df=10 3.940299 (NIST/SEMATECH e-Handbook §1.3.6.7.4).
    [InlineData(0.95, 1.0, 3.841459)]
    [InlineData(0.95, 2.0, 5.991465)]
    [InlineData(0.95, 10.0, 18.307038)]
    [InlineData(0.99, 5.0, 15.086272)]
    [InlineData(0.05, 10.0, 3.940299)]
    public void Quantile_matches_chi_square_table(double p, double df, double expected)
    {
        Assert.Equal(expected, ChiSquared.Quantile(p, df), 1e-5);
    }

    [Theory]
    [InlineData(1e-12, 1.0)]
    [InlineData(0.3, 1.5)]
    [InlineData(0.5, 4.0)]
    [InlineData(0.999999, 7.0)]
    [InlineData(0.02, 250.0)]
    public void Quantile_inverts_cdf(double p, double df)
    {
        // Definition of the quantile: F(F⁻¹(p)) = p, checked relative to the smaller tail.
        var x = ChiSquared.Quantile(p, df);
        var recovered = p <= 0.5 ? ChiSquared.Cdf(x, df) : ChiSquared.Survival(x, df);
        Assert.Equal(1.0, recovered / Math.Min(p, 1 - p), 1e-10);
    }

    [Fact]
    public void Edges()
    {
        Assert.Equal(0.0, ChiSquared.Cdf(0, 3));
        Assert.Equal(1.0, ChiSquared.Survival(-1, 3));
        Assert.Equal(0.0, ChiSquared.Quantile(0, 3));
        Assert.Equal(double.PositiveInfinity, ChiSquared.Quantile(1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChiSquared.Cdf(1, 0));
    }
}
