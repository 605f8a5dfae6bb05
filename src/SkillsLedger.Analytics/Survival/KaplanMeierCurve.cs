namespace SkillsLedger.Analytics;

/// <summary>A Kaplan–Meier survival curve: a right-continuous step function given by its steps.</summary>
public sealed class KaplanMeierCurve
{
    internal KaplanMeierCurve(IReadOnlyList<KaplanMeierStep> steps, double level)
    {
        Steps = steps;
        Level = level;
    }

    /// <summary>Steps in increasing time, the first at time 0 (S = 1 unless events occur at time 0).</summary>
    public IReadOnlyList<KaplanMeierStep> Steps { get; }

    /// <summary>Two-sided confidence level of the step intervals.</summary>
    public double Level { get; }

    /// <summary>
    /// Evaluates the step function at <paramref name="t"/>: the values of the last step with Time ≤ t
    /// (right-continuous, so S(t) includes events at exactly t). S(t) = 1 with no interval for t &lt; 0;
    /// past the last observed time the last value is carried forward.
    /// </summary>
    /// <param name="t">Time (not NaN).</param>
    /// <exception cref="ArgumentOutOfRangeException">t is NaN.</exception>
    public SurvivalEstimate SurvivalAt(double t)
    {
        if (double.IsNaN(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "t must not be NaN.");
        if (t < Steps[0].Time) return new SurvivalEstimate(1.0, null, null);

        // Binary search for the last step with Time ≤ t.
        int lo = 0, hi = Steps.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Steps[mid].Time <= t) lo = mid; else hi = mid - 1;
        }

        var step = Steps[lo];
        return new SurvivalEstimate(step.Survival, step.CiLow, step.CiHigh);
    }
}
