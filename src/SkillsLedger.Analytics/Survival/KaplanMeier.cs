namespace SkillsLedger.Analytics;

/// <summary>The Kaplan–Meier (product-limit) estimator of a survival function from right-censored data.</summary>
public static class KaplanMeier
{
    /// <summary>
    /// Estimates S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ) (Kaplan &amp; Meier 1958, "Nonparametric estimation from incomplete
    /// observations", JASA 53) with Greenwood's variance Var Ŝ(t) = Ŝ(t)² Σ_{tⱼ ≤ t} dⱼ/(nⱼ(nⱼ − dⱼ)) (Greenwood 1926)
    /// and a log(−log) confidence interval.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Interval (Kalbfleisch &amp; Prentice 1980, "The Statistical Analysis of Failure Time Data"; R survfit
    /// conf.type = "log-log"). Let θ = log(−log S) and V = Σ d/(n(n − d)), Greenwood's estimate of Var(log Ŝ).
    /// By the delta method, dθ/d(log S) = 1/log S, so se(θ̂) = √V / |log Ŝ|. The interval θ̂ ± z·se(θ̂) maps back
    /// through S = exp(−e^θ), which is decreasing in θ; since exp(−e^(θ̂ + a)) = exp(log Ŝ · e^a) = Ŝ^(e^a):
    /// low = Ŝ^exp(+z·se(θ̂)) and high = Ŝ^exp(−z·se(θ̂)), both inside (0, 1).
    /// </para>
    /// <para>
    /// Edges: where Ŝ = 1 (before the first event) θ is −∞ and se(θ̂) is 0/0, and where Ŝ = 0 (everyone at risk
    /// failed) θ is +∞ and Greenwood's last term d/(n(n − d)) is infinite; in both cases the bounds are null
    /// (R reports NA). The variance is 0 while Ŝ = 1 and null once Ŝ = 0.
    /// </para>
    /// <para>
    /// Steps: one at time 0 and one at every distinct observed time (event or censoring). Subjects censored at an
    /// event time are counted at risk at that time (censoring taken to occur just after events).
    /// </para>
    /// </remarks>
    /// <param name="observations">At least one observation; times finite and ≥ 0.</param>
    /// <param name="level">Two-sided confidence level in (0, 1); default 0.95.</param>
    /// <exception cref="ArgumentException">No observations, or a negative or non-finite time.</exception>
    /// <exception cref="ArgumentOutOfRangeException">level outside (0, 1).</exception>
    public static KaplanMeierCurve Estimate(IReadOnlyList<SurvivalObservation> observations, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ConfidenceLevel.Validate(level, nameof(level));
        if (observations.Count == 0) throw new ArgumentException("At least one observation is required.", nameof(observations));
        for (var i = 0; i < observations.Count; i++)
        {
            var time = observations[i].Time;
            if (!double.IsFinite(time) || time < 0) throw new ArgumentException($"observations[{i}].Time must be finite and ≥ 0.", nameof(observations));
        }

        var sorted = observations.OrderBy(o => o.Time).ToArray();
        var z = ConfidenceLevel.NormalCritical(level);
        var steps = new List<KaplanMeierStep>();
        if (sorted[0].Time > 0) steps.Add(new KaplanMeierStep(0.0, sorted.Length, 0, 0, 1.0, 0.0, null, null));

        var survival = 1.0;
        var greenwoodSum = 0.0; // V = Σ d/(n(n − d)), Greenwood's Var(log Ŝ)
        var i0 = 0;
        while (i0 < sorted.Length)
        {
            var time = sorted[i0].Time;
            var atRisk = sorted.Length - i0;
            int events = 0, censored = 0, i1 = i0;
            for (; i1 < sorted.Length && sorted[i1].Time == time; i1++)
            {
                if (sorted[i1].Event) events++; else censored++;
            }

            if (events > 0)
            {
                survival *= 1.0 - (double)events / atRisk;
                greenwoodSum = events == atRisk ? double.PositiveInfinity : greenwoodSum + (double)events / ((double)atRisk * (atRisk - events));
            }

            steps.Add(MakeStep(time, atRisk, events, censored, survival, greenwoodSum, z));
            i0 = i1;
        }

        return new KaplanMeierCurve(steps, level);
    }

    private static KaplanMeierStep MakeStep(double time, int atRisk, int events, int censored, double survival, double greenwoodSum, double z)
    {
        if (survival <= 0 || double.IsInfinity(greenwoodSum))
        {
            return new KaplanMeierStep(time, atRisk, events, censored, 0.0, null, null, null);
        }

        var variance = survival * survival * greenwoodSum;
        if (survival >= 1) return new KaplanMeierStep(time, atRisk, events, censored, survival, variance, null, null);

        var logS = Math.Log(survival);
        var seTheta = Math.Sqrt(greenwoodSum) / Math.Abs(logS);
        var low = Math.Pow(survival, Math.Exp(z * seTheta));
        var high = Math.Pow(survival, Math.Exp(-z * seTheta));
        return new KaplanMeierStep(time, atRisk, events, censored, survival, variance, low, high);
    }
}
