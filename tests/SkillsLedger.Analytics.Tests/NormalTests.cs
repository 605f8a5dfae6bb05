namespace SkillsLedger.Analytics.Tests;

public class NormalTests
{
    [Theory]
    // Standard normal table (e.g. Abramowitz & Stegun Table 26.1): Φ(1) = 0.8413447461, Φ(1.96) = 0.9750021049,
    // Φ(−1) = 0.1586552539, Φ(−3) = 0.0013498980, Φ(0) = 0.5.
    [InlineData(1.0, 0.8413447461)]
    [InlineData(1.96, 0.9750021049)]
    [InlineData(-1.0, 0.1586552539)]
    [InlineData(-3.0, 0.0013498980)]
    [InlineData(0.0, 0.5)]
    public void Cdf_matches_normal_table(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.NormalCdf(x), 1e-10);
    }

    [Fact]
    public void Cdf_of_one_to_six_decimals()
    {
        // Standard normal table: Φ(1) = 0.841345.
        Assert.Equal(0.841345, SpecialFunctions.NormalCdf(1.0), 1e-6);
    }

    [Theory]
    // Published critical values: z_0.975 = 1.959963984540054, z_0.995 = 2.575829303548901,
    // z_0.95 = 1.644853626951472, z_0.9 = 1.281551565544601 (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.1, extended).
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.995, 2.575829303548901)]
    [InlineData(0.95, 1.644853626951472)]
    [InlineData(0.9, 1.281551565544601)]
    public void Quantile_matches_critical_values_to_1e12(double p, double z)
    {
        Assert.Equal(z, SpecialFunctions.NormalQuantile(p), 1e-12);
        Assert.Equal(-z, SpecialFunctions.NormalQuantile(1 - p), 1e-12);
    }

    [Fact]
    public void Quantile_975_to_six_decimals()
    {
        // Standard normal table: z_0.975 = 1.959964.
        Assert.Equal(1.959964, SpecialFunctions.NormalQuantile(0.975), 1e-6);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-20)]
    [InlineData(1e-9)]
    [InlineData(0.0125)]
    [InlineData(0.02425)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(0.99)]
    [InlineData(1 - 1e-9)]
    public void Quantile_inverts_cdf(double p)
    {
        // Definition: Φ(Φ⁻¹(p)) = p; checked relative to the smaller tail.
        var x = SpecialFunctions.NormalQuantile(p);
        var tail = Math.Min(p, 1 - p);
        var recovered = p < 0.5 ? SpecialFunctions.NormalCdf(x) : SpecialFunctions.NormalSurvival(x);
        Assert.Equal(1.0, recovered / tail, 1e-12);
    }

    [Fact]
    public void Quantile_endpoints()
    {
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.NormalQuantile(0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.NormalQuantile(1));
        Assert.Equal(0.0, SpecialFunctions.NormalQuantile(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.NormalQuantile(1.5));
    }
}
