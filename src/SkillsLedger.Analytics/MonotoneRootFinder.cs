namespace SkillsLedger.Analytics;

/// <summary>
/// Safeguarded Newton iteration for an increasing function on a bracket: Newton steps are taken while they
/// stay strictly inside the current bracket, otherwise the bracket is bisected (geometrically when it spans
/// several orders of magnitude). Used to invert distribution functions.
/// </summary>
/// <remarks>Standard hybrid Newton–bisection scheme (e.g. Press et al., Numerical Recipes, 3rd ed., §9.4 "rtsafe").</remarks>
internal static class MonotoneRootFinder
{
    private const int MaxIterations = 500;

    /// <summary>
    /// Finds x in [lo, hi] with h(x) = 0, where h is increasing, h(lo) ≤ 0 ≤ h(hi).
    /// <paramref name="evaluate"/> returns (h(x), h′(x)).
    /// </summary>
    public static double Solve(Func<double, (double Value, double Derivative)> evaluate, double lo, double hi, double guess)
    {
        var x = guess > lo && guess < hi ? guess : Midpoint(lo, hi);

        for (var i = 0; i < MaxIterations; i++)
        {
            var (value, derivative) = evaluate(x);
            if (value == 0) return x;
            if (value < 0) lo = x; else hi = x;

            var next = x - value / derivative;
            if (double.IsNaN(value) || !(next > lo && next < hi))
            {
                next = Midpoint(lo, hi);
            }

            if (Math.Abs(next - x) <= 4e-16 * Math.Abs(next) || hi - lo <= 4e-16 * Math.Abs(hi) || next == lo || next == hi)
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    private static double Midpoint(double lo, double hi) =>
        lo > 0 && hi > 16 * lo ? Math.Sqrt(lo) * Math.Sqrt(hi) : lo + 0.5 * (hi - lo);
}
