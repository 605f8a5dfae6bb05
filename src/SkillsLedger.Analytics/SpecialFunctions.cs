using MathNetSpecial = MathNet.Numerics.SpecialFunctions;
using MathNetNormal = MathNet.Numerics.Distributions.Normal;

namespace SkillsLedger.Analytics;

/// <summary>
/// The special functions the distributions of this library need, named as in the NIST Digital Library of Mathematical
/// Functions (DLMF chapters 5, 7 and 8) so the rest of the library reads like the formulas in docs/methods.md. Pure
/// functions of their arguments, double precision.
/// </summary>
/// <remarks>
/// ln Γ, erf, erfc and the normal quantile come from MathNet.Numerics; the published-value tests in
/// SpecialFunctionsTests and NormalTests guard them with the tolerances our own versions had. The regularized
/// incomplete gamma and beta functions (and ln B, which Student t with a huge ν needs) stay ours, in their own files,
/// because MathNet 5.0.0's are measurably worse where our p-values and quantiles live: its P(a, x) returns 0 for
/// x ≤ ~1e-16 (P(½, 1e-16) = 1.13e-8), which breaks χ² quantiles of small p, and its I_x(a, b) loses up to 2.5e-9 of
/// relative accuracy for Student t at ν = 10⁶ (docs/methods.md, "Numerical library").
/// </remarks>
public static partial class SpecialFunctions
{
    /// <summary>Relative accuracy targeted by the series and continued fractions.</summary>
    internal const double Epsilon = 1e-16;

    /// <summary>Smallest magnitude allowed for a Lentz denominator before it is nudged away from zero.</summary>
    internal const double Tiny = 1e-300;

    /// <summary>ln Γ(x) for x &gt; 0, and ln |Γ(x)| for negative non-integer x (DLMF 5.2.1).</summary>
    public static double LogGamma(double x) => x > 0 ? MathNetSpecial.GammaLn(x) : Math.Log(Math.Abs(MathNetSpecial.Gamma(x)));

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) (DLMF 5.12.1).</summary>
    /// <remarks>
    /// When the larger shape is ≥ 10, ln Γ(big) − ln Γ(big + small) is formed from Stirling's series (DLMF 5.11.1)
    /// so that large shapes (e.g. Student t with huge ν) do not lose digits to cancellation.
    /// </remarks>
    public static double LogBeta(double a, double b)
    {
        var big = Math.Max(a, b);
        var small = Math.Min(a, b);
        return big >= StirlingThreshold
            ? LogGamma(small) + LogGammaRatio(big, small)
            : LogGamma(a) + LogGamma(b) - LogGamma(a + b);
    }

    /// <summary>The error function erf(x) (DLMF 7.2.1).</summary>
    public static double Erf(double x) => MathNetSpecial.Erf(x);

    /// <summary>The complementary error function erfc(x) = 1 − erf(x), accurate in the tail (DLMF 7.2.2).</summary>
    public static double Erfc(double x) => MathNetSpecial.Erfc(x);

    /// <summary>Φ(x), the standard normal distribution function: ½ erfc(−x/√2) (DLMF 7.7.2), accurate in both tails.</summary>
    public static double NormalCdf(double x) => 0.5 * MathNetSpecial.Erfc(-x / Math.Sqrt(2.0));

    /// <summary>1 − Φ(x) = Φ(−x).</summary>
    public static double NormalSurvival(double x) => NormalCdf(-x);

    /// <summary>φ(x) = e^(−x²/2) / √(2π).</summary>
    public static double NormalDensity(double x) => MathNetNormal.PDF(0.0, 1.0, x);

    /// <summary>Φ⁻¹(p) = −√2 erfc⁻¹(2p) (DLMF 7.17); 0 and 1 map to −∞ and +∞.</summary>
    public static double NormalQuantile(double p)
    {
        if (double.IsNaN(p)) return double.NaN;
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0.0;
        return -Math.Sqrt(2.0) * MathNetSpecial.ErfcInv(2.0 * p);
    }
}
