namespace SkillsLedger.Analytics.Tests;

public class CorrelationTestTests
{
    [Fact]
    public void T_test_r09_n5()
    {
        // Hand: t = 0.9 √(3 / (1 − 0.81)) = 0.9 × 3.973597 = 3.576237, df = 3.
        // For odd df the t tail has a closed form (A&S 26.7.3): with θ = atan(t/√3),
        // P(|T| ≤ t) = (2/π)(θ + sin θ cos θ), so p = 1 − (2/π)(θ + sin θ cos θ) = 0.037386.
        var result = CorrelationTest.TTest(0.9, 5);
        Assert.Equal(3.576237, result.T, 1e-6);
        Assert.Equal(3, result.Df);
        var theta = Math.Atan(result.T / Math.Sqrt(3));
        Assert.Equal(1 - 2 / Math.PI * (theta + Math.Sin(theta) * Math.Cos(theta)), result.PValue, 1e-13);
        Assert.Equal(0.037386, result.PValue, 1e-6);
    }

    [Fact]
    public void Critical_r_from_table_gives_p_005()
    {
        // Table of critical values of Pearson's r (two-tailed α = 0.05): df = 10 → r = 0.5760 (n = 12).
        var result = CorrelationTest.TTest(0.5760, 12);
        Assert.Equal(0.05, result.PValue, 1e-4);
    }

    [Fact]
    public void Zero_and_perfect_correlation()
    {
        Assert.Equal(1.0, CorrelationTest.TTest(0, 10).PValue, 1e-15);
        var perfect = CorrelationTest.TTest(-1, 10);
        Assert.Equal(double.NegativeInfinity, perfect.T);
        Assert.Equal(0.0, perfect.PValue);
    }
}
