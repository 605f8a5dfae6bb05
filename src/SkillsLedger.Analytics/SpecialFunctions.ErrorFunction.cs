namespace SkillsLedger.Analytics;

public static partial class SpecialFunctions
{
    /// <summary>
    /// Computes the error function erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt.
    /// </summary>
    /// <remarks>Uses erf(x) = P(½, x²) for x ≥ 0 and oddness for x &lt; 0 (DLMF 7.11.1 / 8.4.1).</remarks>
    /// <param name="x">Argument.</param>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x == 0) return x;
        var p = RegularizedLowerIncompleteGamma(0.5, SquareOrInfinity(x));
        return x > 0 ? p : -p;
    }

    /// <summary>
    /// Computes the complementary error function erfc(x) = 1 − erf(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt,
    /// with full relative precision for large positive x.
    /// </summary>
    /// <remarks>Uses erfc(x) = Q(½, x²) for x ≥ 0 and erfc(x) = 1 + P(½, x²) for x &lt; 0 (DLMF 7.11.2 / 8.4.6).</remarks>
    /// <param name="x">Argument.</param>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        var s = SquareOrInfinity(x);
        return x >= 0
            ? RegularizedUpperIncompleteGamma(0.5, s)
            : 1.0 + RegularizedLowerIncompleteGamma(0.5, s);
    }

    private static double SquareOrInfinity(double x) => Math.Abs(x) > 1e150 ? double.PositiveInfinity : x * x;
}
