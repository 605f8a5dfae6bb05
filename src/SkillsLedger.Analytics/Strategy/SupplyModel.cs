using MathNet.Numerics.Distributions;

namespace SkillsLedger.Analytics.Strategy;

/// <summary>
/// Forecast of a strategic target's supply at its due date by simulation (docs/methods.md, "Strategic coverage").
/// Each of <see cref="Simulations"/> runs first draws the parameters from their uncertainty (so the intervals carry
/// it), then plays every person forward:
/// <list type="bullet">
/// <item>departure hazard λ ~ Gamma(leavers + ½, exposure years) (the organisation's, Jeffreys posterior of a Poisson rate) and the
/// scope's share moving out per window q ~ Beta(moved out + ½, stayed + ½); a person is still in scope at the due date with
/// probability e^(−λt)·(1 − q)^(t/w);</item>
/// <item>a person with a level L moves to L + Δ, Δ drawn from the observed window changes of the <see cref="Neighbours"/>
/// people whose starting level was closest to L (growth differs per person and slows near the top of a scale),
/// rescaled to the horizon t (mean × t/w, spread × √(t/w)), plus a shared shift per run ~ N(d, s²/n + d²), d = (t/w)·(m₂ − m₁)
/// with m₁, m₂ the mean change in the window's two halves: the latest pace continues, as uncertain as it moved; people without a level reach the target with the observed share of those
/// who had none at the window's start and met it at its end (Beta posterior);</item>
/// <item>entrants (hires, and moves into the scope) only where the ledger shows them in the window: rate ~ Gamma(entrants + ½, w),
/// count ~ Poisson(rate·t), each meeting the target with the observed share of the window's entrants who did at its end (Beta posterior).</item>
/// </list>
/// Fixed seed: the same evidence gives the same forecast.
/// </summary>
public static class SupplyModel
{
    public const int Simulations = 4000;
    public const int Seed = 20261205;

    /// <summary>How many people with the nearest starting levels a person's change is drawn from.</summary>
    public const int Neighbours = 60;

    public static SupplyForecast Forecast(SupplyEvidence evidence, int headcount)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.WindowYears <= 0) throw new ArgumentOutOfRangeException(nameof(evidence), "WindowYears must be > 0.");
        var t = Math.Max(0, evidence.HorizonYears);
        var w = evidence.WindowYears;
        var random = new Random(Seed);

        var withLevel = evidence.Changes.Where(c => c.Before is not null && c.After is not null)
            .Select(c => (Before: c.Before!.Value, Delta: c.After!.Value - c.Before.Value)).OrderBy(c => c.Before).ToArray();
        var fromNone = evidence.Changes.Where(c => c.Before is null).ToArray();
        var noneMet = fromNone.Count(c => evidence.Meets(c.After));

        // Per person: the changes of their nearest neighbours by starting level, rescaled to the horizon.
        var starts = withLevel.Select(c => c.Before).ToArray();
        var people = evidence.LevelsNow.Select(level => level is { } l && withLevel.Length > 0 ? Rescaled(Nearest(withLevel, starts, l), t / w) : null).ToArray();
        var windowSpread = withLevel.Length > 1 ? StandardDeviation(withLevel.Select(c => c.Delta)) : 0;
        var spread = windowSpread * Math.Sqrt(t / w);
        // Uncertainty about next period's mean change: its standard error, and how far the mean moved between the
        // window's two halves (σ²_half ≈ (m₁ − m₂)²/2 per half, so a year of two halves varies by |m₁ − m₂|).
        var standardError = withLevel.Length > 1 ? spread / Math.Sqrt(withLevel.Length) : 0;
        // The latest pace continues: over a window the mean change is m₁ + m₂, at the second half's pace it is 2·m₂, so
        // every change is shifted by (m₂ − m₁)·t/w on average.
        var drift = evidence.HalfWindowMeanChanges is var (first, second) ? (second - first) * (t / w) : 0;
        var meanShiftSd = Math.Sqrt(standardError * standardError + drift * drift);

        var supply = new int[Simulations];
        for (var s = 0; s < Simulations; s++)
        {
            var hazard = evidence.ExposureYears > 0 ? Gamma.Sample(random, evidence.Leavers + 0.5, evidence.ExposureYears) : 0;
            var moveOut = evidence.MovedOut + evidence.StayedIn > 0 ? Beta.Sample(random, evidence.MovedOut + 0.5, evidence.StayedIn + 0.5) : 0;
            var stay = Math.Exp(-hazard * t) * Math.Pow(1 - moveOut, t / w);
            var shift = meanShiftSd > 0 ? Normal.Sample(random, drift, meanShiftSd) : drift;
            var pFromNone = fromNone.Length > 0 ? Beta.Sample(random, noneMet + 0.5, fromNone.Length - noneMet + 0.5) * Math.Min(1, t / w) : 0;
            var count = 0;
            for (var i = 0; i < people.Length; i++)
            {
                if (random.NextDouble() >= stay) continue;
                var level = evidence.LevelsNow[i];
                if (level is null)
                {
                    if (random.NextDouble() < pFromNone) count++;
                    continue;
                }
                var deltas = people[i];
                var future = deltas is null ? level.Value : level.Value + deltas[random.Next(deltas.Length)] + shift;
                if (evidence.Meets(future)) count++;
            }
            if (evidence.Entrants > 0 && t > 0)
            {
                var rate = Gamma.Sample(random, evidence.Entrants + 0.5, w);
                var share = Beta.Sample(random, evidence.EntrantsMeeting + 0.5, evidence.Entrants - evidence.EntrantsMeeting + 0.5);
                var entrants = Poisson.Sample(random, rate * t);
                for (var h = 0; h < entrants; h++)
                    if (random.NextDouble() < share) count++;
            }
            supply[s] = count;
        }
        Array.Sort(supply);
        return new SupplyForecast(supply.Average(), Quantile(supply, 0.5), Quantile(supply, 0.10), Quantile(supply, 0.90),
            Quantile(supply, 0.025), Quantile(supply, 0.975), supply.Count(v => v >= headcount) / (double)Simulations, Simulations, Seed,
            evidence.ExposureYears > 0 ? (evidence.Leavers + 0.5) / evidence.ExposureYears : 0,
            withLevel.Length > 0 ? withLevel.Average(c => c.Delta) : 0, withLevel.Length, windowSpread);
    }

    /// <summary>The changes of the <see cref="Neighbours"/> people whose starting level lies closest to <paramref name="level"/>.</summary>
    private static double[] Nearest((double Before, double Delta)[] sorted, double[] starts, double level)
    {
        var k = Math.Min(Neighbours, sorted.Length);
        var hi = Array.BinarySearch(starts, level);
        if (hi < 0) hi = ~hi;
        var lo = hi;
        while (hi - lo < k)
        {
            if (lo == 0) hi++;
            else if (hi == sorted.Length) lo--;
            else if (level - sorted[lo - 1].Before <= sorted[hi].Before - level) lo--;
            else hi++;
        }
        return sorted[lo..hi].Select(c => c.Delta).ToArray();
    }

    /// <summary>Rescales window-length changes to a horizon of <paramref name="ratio"/> windows: mean × ratio, deviations × √ratio.</summary>
    private static double[] Rescaled(double[] deltas, double ratio)
    {
        var mean = deltas.Average();
        return deltas.Select(d => mean * ratio + (d - mean) * Math.Sqrt(ratio)).ToArray();
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    /// <summary>The value at rank ⌈q·n⌉ of sorted whole numbers (nearest-rank quantile).</summary>
    private static int Quantile(int[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
