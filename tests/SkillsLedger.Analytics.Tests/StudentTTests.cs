namespace SkillsLedger.Analytics.Tests;

public class StudentTTests
{
    [Theory]
    // Standard t table, upper 0.025 critical values (e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2; Fisher & Yates Table III):
    // df=1 12.7062, df=2 4.3027, df=5 2.5706, df=10 2.2281, df=30 2.0423, df=120 1.9799.
    [InlineData(1.0, 12.7062)]
    [InlineData(2.0, 4.3027)]
    [InlineData(5.0, 2.5706)]
    [InlineData(10.0, 2.2281)]
    [InlineData(30.0, 2.0423)]
    [InlineData(120.0, 1.9799)]
    public void Quantile_0975_matches_t_table(double df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 1e-4);
        Assert.Equal(-expected, StudentT.Quantile(0.025, df), 1e-4);
    }

    [Theory]
    // Same table: 0.995 quantile df=10 3.1693; 0.95 quantiles df=1 6.3138, df=10 1.8125; 0.999 df=5 5.8934.
    [InlineData(0.995, 10.0, 3.1693)]
    [InlineData(0.95, 1.0, 6.3138)]
    [InlineData(0.95, 10.0, 1.8125)]
    [InlineData(0.999, 5.0, 5.8934)]
    public void Quantile_other_levels_match_t_table(double p, double df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(p, df), 1e-4);
    }

    [Fact]
    public void Quantile_df7_matches_six_decimal_value()
    {
        // t_{0.975, 7} = 2.364624 (six-decimal t table, e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2 gives 2.365).
        Assert.Equal(2.364624, StudentT.Quantile(0.975, 7), 1e-6);
    }

    [Fact]
    public void Cdf_df10_at_2()
    {
        // Published: P(T ≤ 2.0 | df = 10) = 0.963306 (t distribution tables of the CDF; two-sided p = 0.073388).
        Assert.Equal(0.963306, StudentT.Cdf(2.0, 10), 1e-6);
        Assert.Equal(0.073388, StudentT.TwoSidedPValue(2.0, 10), 1e-6);
        Assert.Equal(1 - 0.963306, StudentT.Cdf(-2.0, 10), 1e-6);
    }

    [Theory]
    [InlineData(-30.0)]
    [InlineData(-1.5)]
    [InlineData(0.25)]
    [InlineData(7.0)]
    [InlineData(1e6)]
    public void Cdf_df1_is_cauchy(double t)
    {
        // df = 1 is the Cauchy distribution: F(t) = ½ + atan(t)/π (Johnson, Kotz & Balakrishnan, Vol. 2, ch. 28).
        Assert.Equal(0.5 + Math.Atan(t) / Math.PI, StudentT.Cdf(t, 1), 1e-13);
    }

    [Theory]
    [InlineData(-4.0)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void Cdf_df2_closed_form(double t)
    {
        // df = 2: F(t) = ½ + t / (2√(2 + t²)) (A&S 26.7.3 for ν = 2).
        Assert.Equal(0.5 + t / (2 * Math.Sqrt(2 + t * t)), StudentT.Cdf(t, 2), 1e-13);
    }

    [Theory]
    [InlineData(0.975, 1.5)]
    [InlineData(0.9, 2.5)]
    [InlineData(0.999, 3.7)]
    [InlineData(1e-8, 4.2)]
    [InlineData(0.6, 17.3)]
    [InlineData(0.9999, 1.0)]
    [InlineData(0.975, 1000.0)]
    public void Quantile_inverts_cdf_for_non_integer_df(double p, double df)
    {
        // Definition of the quantile: F(F⁻¹(p)) = p, checked relative to the smaller tail.
        var t = StudentT.Quantile(p, df);
        var recovered = p < 0.5 ? StudentT.Cdf(t, df) : StudentT.Cdf(-t, df);
        Assert.Equal(1.0, recovered / Math.Min(p, 1 - p), 1e-10);
    }

    [Fact]
    public void Infinite_df_is_the_normal()
    {
        // t(∞) = N(0, 1): z_0.975 = 1.959963984540054.
        Assert.Equal(1.959963984540054, StudentT.Quantile(0.975, double.PositiveInfinity), 1e-12);
        Assert.Equal(SpecialFunctions.NormalCdf(1.3), StudentT.Cdf(1.3, double.PositiveInfinity), 1e-15);
    }

    [Fact]
    public void Large_df_approaches_normal_with_known_correction()
    {
        // A&S 26.7.5 / Cornish–Fisher: F_ν(t) ≈ Φ(t) − φ(t)(t³ + t)/(4ν) + O(ν⁻²). At ν = 10⁶ the O(ν⁻²) term is < 1e-11.
        const double nu = 1e6;
        const double t = 1.5;
        var expected = SpecialFunctions.NormalCdf(t) - SpecialFunctions.NormalDensity(t) * (t * t * t + t) / (4 * nu);
        Assert.Equal(expected, StudentT.Cdf(t, nu), 1e-10);
    }

    [Fact]
    public void Quantile_endpoints_and_validation()
    {
        Assert.Equal(double.PositiveInfinity, StudentT.Quantile(1, 5));
        Assert.Equal(double.NegativeInfinity, StudentT.Quantile(0, 5));
        Assert.Equal(0.0, StudentT.Quantile(0.5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(-0.1, 5));
    }
}
