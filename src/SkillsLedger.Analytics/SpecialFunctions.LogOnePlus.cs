namespace SkillsLedger.Analytics;

public static partial class SpecialFunctions
{
    /// <summary>
    /// Computes ln(1 + x) accurately for small |x|, using Goldberg's correction ln(u) · x / (u − 1) with u = 1 + x
    /// (Goldberg 1991, "What every computer scientist should know about floating-point arithmetic", Theorem 4).
    /// </summary>
    /// <param name="x">Argument, &gt; −1.</param>
    public static double LogOnePlus(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return Math.Log(x);
        return Math.Log(u) * x / (u - 1.0);
    }
}
