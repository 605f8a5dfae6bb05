namespace SkillsLedger.Analytics.Tests;

public class SpecialFunctionsTests
{
    [Fact]
    public void LogGamma_of_one_half_is_log_sqrt_pi()
    {
        // Γ(1/2) = √π (DLMF 5.4.6), so ln Γ(0.5) = ½ ln π = 0.5723649429247001.
        Assert.Equal(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 1e-14);
    }

    [Theory]
    // Γ(n) = (n − 1)! (DLMF 5.4.1): Γ(1) = Γ(2) = 1, Γ(5) = 24, Γ(10) = 362880, Γ(21) = 20! = 2432902008176640000.
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(5.0, 24.0)]
    [InlineData(10.0, 362880.0)]
    [InlineData(21.0, 2432902008176640000.0)]
    public void LogGamma_matches_factorials(double x, double gamma)
    {
        Assert.Equal(Math.Log(gamma), SpecialFunctions.LogGamma(x), 1e-12);
    }

    [Fact]
    public void LogGamma_uses_reflection_below_one_half()
    {
        // Γ(1.5) = √π/2 (DLMF 5.4.6 with 5.5.1); Γ(−0.5) = −2√π (reflection, DLMF 5.5.3), so ln|Γ(−0.5)| = ln(2√π).
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI) / 2), SpecialFunctions.LogGamma(1.5), 1e-14);
        Assert.Equal(Math.Log(2 * Math.Sqrt(Math.PI)), SpecialFunctions.LogGamma(-0.5), 1e-13);
        // Γ(0.1) = 9.513507698668731836... (A&S Table 6.1 via Γ(1.1) = 0.95135 07699 / 0.1).
        Assert.Equal(Math.Log(9.513507698668732), SpecialFunctions.LogGamma(0.1), 1e-12);
    }

    [Fact]
    public void IncompleteBeta_half_two_three_is_eleven_sixteenths()
    {
        // Hand derivation: for integer a, b, I_x(a, b) = Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1−x)^(a+b−1−j) (DLMF 8.17.5).
        // I_0.5(2, 3) = [C(4,2) + C(4,3) + C(4,4)] / 2⁴ = (6 + 4 + 1)/16 = 11/16 = 0.6875.
        Assert.Equal(0.6875, SpecialFunctions.RegularizedIncompleteBeta(0.5, 2, 3), 1e-14);
    }

    [Theory]
    [InlineData(0.2, 3.0)]
    [InlineData(0.9, 0.5)]
    [InlineData(0.999, 7.5)]
    public void IncompleteBeta_closed_forms(double x, double s)
    {
        // DLMF 8.17.2 special cases: I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b.
        Assert.Equal(Math.Pow(x, s), SpecialFunctions.RegularizedIncompleteBeta(x, s, 1), 1e-13);
        Assert.Equal(1 - Math.Pow(1 - x, s), SpecialFunctions.RegularizedIncompleteBeta(x, 1, s), 1e-13);
    }

    [Fact]
    public void IncompleteBeta_endpoints_and_symmetry()
    {
        // I_0 = 0, I_1 = 1 and I_x(a, b) = 1 − I_{1−x}(b, a) (DLMF 8.17.4).
        Assert.Equal(0.0, SpecialFunctions.RegularizedIncompleteBeta(0, 2.5, 3.5));
        Assert.Equal(1.0, SpecialFunctions.RegularizedIncompleteBeta(1, 2.5, 3.5));
        var direct = SpecialFunctions.RegularizedIncompleteBeta(0.3, 2.5, 3.5);
        var mirrored = 1 - SpecialFunctions.RegularizedIncompleteBeta(0.7, 3.5, 2.5);
        Assert.Equal(direct, mirrored, 1e-14);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(25.0)]
    public void IncompleteGamma_shape_one_is_exponential(double x)
    {
        // DLMF 8.4.3 (n = 0): P(1, x) = 1 − e^−x, Q(1, x) = e^−x; both branches (series x < 2, fraction x ≥ 2) covered.
        Assert.Equal(1 - Math.Exp(-x), SpecialFunctions.RegularizedLowerIncompleteGamma(1, x), 1e-14);
        Assert.Equal(Math.Exp(-x), SpecialFunctions.RegularizedUpperIncompleteGamma(1, x), 1e-14 * Math.Exp(-x) + 1e-300);
    }

    [Theory]
    [InlineData(1e-30)]
    [InlineData(1e-20)]
    [InlineData(1e-16)]
    public void IncompleteGamma_half_shape_keeps_tiny_arguments(double x)
    {
        // DLMF 8.4.1: P(½, x) = erf(√x) ≈ 2√(x/π) for tiny x. MathNet 5.0.0's P(a, x) returns 0 here, which is why
        // the incomplete gamma function is still our own (SpecialFunctions.cs).
        var expected = 2 * Math.Sqrt(x / Math.PI);
        Assert.Equal(1.0, SpecialFunctions.RegularizedLowerIncompleteGamma(0.5, x) / expected, 1e-12);
    }

    [Fact]
    public void IncompleteGamma_integer_shape_is_poisson_tail()
    {
        // DLMF 8.4.10: Q(n, x) = e^−x Σ_{k<n} x^k/k!. For n = 3, x = 2: e^−2 (1 + 2 + 2) = 5e^−2 = 0.676676416183064.
        Assert.Equal(5 * Math.Exp(-2), SpecialFunctions.RegularizedUpperIncompleteGamma(3, 2), 1e-14);
        // n = 4, x = 10: e^−10 (1 + 10 + 50 + 166.666…) = 0.0103360506... (upper branch of the continued fraction).
        var expected = Math.Exp(-10) * (1 + 10 + 50 + 1000.0 / 6);
        Assert.Equal(expected, SpecialFunctions.RegularizedUpperIncompleteGamma(4, 10), 1e-15);
    }

    [Theory]
    // Abramowitz & Stegun Table 7.1: erf(0.5) = 0.5204998778, erf(1) = 0.8427007929, erf(2) = 0.9953222650.
    [InlineData(0.5, 0.5204998778)]
    [InlineData(1.0, 0.8427007929)]
    [InlineData(2.0, 0.9953222650)]
    public void Erf_matches_abramowitz_stegun_table(double x, double erf)
    {
        Assert.Equal(erf, SpecialFunctions.Erf(x), 1e-10);
        Assert.Equal(-erf, SpecialFunctions.Erf(-x), 1e-10);
        Assert.Equal(1 - erf, SpecialFunctions.Erfc(x), 1e-10);
    }

    [Fact]
    public void Erfc_keeps_relative_precision_in_the_tail()
    {
        // erfc(5) = 1.5374597944280349e-12 (A&S 7.1 asymptotic; DLMF 7.12.1); a 1 − erf(x) approach would lose it all.
        Assert.Equal(1.5374597944280349e-12, SpecialFunctions.Erfc(5), 1e-24);
    }
}
