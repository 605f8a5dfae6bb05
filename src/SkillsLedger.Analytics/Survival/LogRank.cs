namespace SkillsLedger.Analytics;

/// <summary>The log-rank (Mantel–Haenszel) test that k ≥ 2 groups share one survival function.</summary>
public static class LogRank
{
    /// <summary>
    /// Tests H₀: equal hazards in all k groups with χ² = Uᵀ V⁻¹ U on k − 1 degrees of freedom, where over the
    /// distinct event times tⱼ (nⱼ at risk, dⱼ events in total; nᵍⱼ, dᵍⱼ in group g)
    /// Uᵍ = Σⱼ (dᵍⱼ − dⱼ nᵍⱼ/nⱼ) and
    /// Vᵍʰ = Σⱼ dⱼ (nⱼ − dⱼ)/(nⱼ − 1) · (nᵍⱼ/nⱼ)(δᵍʰ − nʰⱼ/nⱼ) (the hypergeometric covariance),
    /// restricted to the first k − 1 groups because the k components of U sum to zero.
    /// </summary>
    /// <remarks>
    /// Mantel (1966), "Evaluation of survival data and two new rank order statistics arising in its consideration",
    /// Cancer Chemother. Rep. 50; Peto &amp; Peto (1972); k-group form as in Collett, "Modelling Survival Data in
    /// Medical Research", ch. 2, and Kalbfleisch &amp; Prentice (1980), "The Statistical Analysis of Failure Time Data". V is inverted by Gauss–Jordan elimination.
    /// The p-value is <see cref="ChiSquared.Survival"/>(χ², k − 1).
    /// </remarks>
    /// <param name="observations">Group label and observation for each subject; at least two distinct groups and one event.</param>
    /// <exception cref="ArgumentException">Fewer than two groups, no events, an invalid time, a null label, or a
    /// singular V (e.g. a group with nobody at risk at any event time).</exception>
    public static LogRankResult Test(IReadOnlyList<(string Group, SurvivalObservation Obs)> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        for (var i = 0; i < observations.Count; i++)
        {
            var (group, obs) = observations[i];
            if (group is null) throw new ArgumentException($"observations[{i}].Group is null.", nameof(observations));
            if (!double.IsFinite(obs.Time) || obs.Time < 0) throw new ArgumentException($"observations[{i}].Obs.Time must be finite and ≥ 0.", nameof(observations));
        }

        var labels = observations.Select(o => o.Group).Distinct().Order(StringComparer.Ordinal).ToArray();
        var k = labels.Length;
        if (k < 2) throw new ArgumentException("At least two groups are required.", nameof(observations));
        if (!observations.Any(o => o.Obs.Event)) throw new ArgumentException("At least one event is required.", nameof(observations));

        var index = labels.Select((label, g) => (label, g)).ToDictionary(x => x.label, x => x.g, StringComparer.Ordinal);
        var sorted = observations.Select(o => (Group: index[o.Group], o.Obs.Time, o.Obs.Event)).OrderBy(o => o.Time).ToArray();

        var atRisk = new int[k];
        foreach (var o in sorted) atRisk[o.Group]++;
        var sizes = (int[])atRisk.Clone();
        var observed = new int[k];
        var expected = new double[k];
        var covariance = new double[k, k];
        var eventsAt = new int[k];

        var i0 = 0;
        while (i0 < sorted.Length)
        {
            var time = sorted[i0].Time;
            Array.Clear(eventsAt);
            var i1 = i0;
            for (; i1 < sorted.Length && sorted[i1].Time == time; i1++)
            {
                if (sorted[i1].Event) eventsAt[sorted[i1].Group]++;
            }

            var d = eventsAt.Sum();
            if (d > 0)
            {
                double n = atRisk.Sum();
                var weight = n > 1 ? d * (n - d) / (n - 1.0) : 0.0;
                for (var g = 0; g < k; g++)
                {
                    observed[g] += eventsAt[g];
                    var share = atRisk[g] / n;
                    expected[g] += d * share;
                    for (var h = 0; h < k; h++)
                    {
                        covariance[g, h] += weight * share * ((g == h ? 1.0 : 0.0) - atRisk[h] / n);
                    }
                }
            }

            for (var i = i0; i < i1; i++) atRisk[sorted[i].Group]--;
            i0 = i1;
        }

        var df = k - 1;
        var u = new double[df];
        var v = new double[df, df];
        for (var g = 0; g < df; g++)
        {
            u[g] = observed[g] - expected[g];
            for (var h = 0; h < df; h++) v[g, h] = covariance[g, h];
        }

        var inverse = LinearSystem.Invert(v)
            ?? throw new ArgumentException("The log-rank variance matrix is singular (a group has nobody at risk at any event time).", nameof(observations));
        var chi2 = Math.Max(0.0, LinearSystem.QuadraticForm(inverse, u));
        var groups = labels.Select((label, g) => new LogRankGroup(label, sizes[g], observed[g], expected[g])).ToArray();
        return new LogRankResult(chi2, df, ChiSquared.Survival(chi2, df), groups);
    }
}
