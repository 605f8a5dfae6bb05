namespace SkillsLedger.Analytics;

public static partial class SpecialFunctions
{
    private static readonly double SqrtTwoPi = Math.Sqrt(2.0 * Math.PI);

    /// <summary>
    /// Computes Φ(x), the cumulative distribution function of the standard normal distribution.
    /// </summary>
    /// <remarks>
    /// Φ(x) = ½ erfc(−x/√2) (DLMF 7.18 / 26.2.2 of Abramowitz &amp; Stegun), computed as
    /// ½ Q(½, x²/2) for x &lt; 0 and 1 − ½ Q(½, x²/2) for x ≥ 0, so the lower tail keeps full relative precision.
    /// </remarks>
    /// <param name="x">Argument.</param>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        var halfSquare = 0.5 * SquareOrInfinity(x);
        return x < 0
            ? 0.5 * RegularizedUpperIncompleteGamma(0.5, halfSquare)
            : 0.5 + 0.5 * RegularizedLowerIncompleteGamma(0.5, halfSquare);
    }

    /// <summary>Computes 1 − Φ(x), the upper tail of the standard normal, with full relative precision for large x.</summary>
    /// <param name="x">Argument.</param>
    public static double NormalSurvival(double x) => NormalCdf(-x);

    /// <summary>Computes φ(x) = e^(−x²/2) / √(2π), the standard normal density.</summary>
    /// <param name="x">Argument.</param>
    public static double NormalDensity(double x) => Math.Exp(-0.5 * SquareOrInfinity(x)) / SqrtTwoPi;

    /// <summary>
    /// Computes Φ⁻¹(p), the quantile function (inverse CDF) of the standard normal distribution.
    /// </summary>
    /// <remarks>
    /// Starts from Peter J. Acklam's rational approximation (2003, "An algorithm for computing the inverse normal
    /// cumulative distribution function"; relative error &lt; 1.15·10⁻⁹) and applies one Halley step
    /// x ← x − u / (1 + x u / 2), u = (Φ(x) − p) √(2π) e^(x²/2), which brings the error below 10⁻¹². The residual
    /// Φ(x) − p is formed from the tail nearer to p to avoid cancellation.
    /// </remarks>
    /// <param name="p">Probability in [0, 1]; 0 and 1 map to −∞ and +∞.</param>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1].</exception>
    public static double NormalQuantile(double p)
    {
        if (double.IsNaN(p)) return double.NaN;
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0.0;

        var x = AcklamInitialQuantile(p);

        // Residual Φ(x) − p. For p > ½, 1 − p is exact (Sterbenz) and Φ(x) − p = (1 − p) − (1 − Φ(x)).
        var residual = p < 0.5 ? NormalCdf(x) - p : (1.0 - p) - NormalSurvival(x);
        var u = residual * SqrtTwoPi * Math.Exp(0.5 * x * x);
        var refined = x - u / (1.0 + 0.5 * x * u);
        return double.IsFinite(refined) ? refined : x; // deep subnormal tails: keep Acklam's value
    }

    // Coefficients of Acklam's rational approximations (central region and tails).
    private static readonly double[] AcklamA =
        [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];

    private static readonly double[] AcklamB =
        [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];

    private static readonly double[] AcklamC =
        [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];

    private static readonly double[] AcklamD =
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    private const double AcklamLowBreak = 0.02425;

    /// <summary>Acklam's approximation to Φ⁻¹(p) for 0 &lt; p &lt; 1 (before refinement).</summary>
    private static double AcklamInitialQuantile(double p)
    {
        if (p < AcklamLowBreak)
        {
            return AcklamTail(Math.Sqrt(-2.0 * Math.Log(p)));
        }

        if (p > 1.0 - AcklamLowBreak)
        {
            return -AcklamTail(Math.Sqrt(-2.0 * Math.Log(1.0 - p)));
        }

        var q = p - 0.5;
        var r = q * q;
        var a = AcklamA;
        var b = AcklamB;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
             / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }

    /// <summary>Lower-tail rational function of Acklam's approximation in q = √(−2 ln p).</summary>
    private static double AcklamTail(double q)
    {
        var c = AcklamC;
        var d = AcklamD;
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
             / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
}
