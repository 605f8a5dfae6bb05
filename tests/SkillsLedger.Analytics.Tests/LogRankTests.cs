namespace SkillsLedger.Analytics.Tests;

public class LogRankTests
{
    [Fact]
    public void Tiny_two_group_example_by_hand()
    {
        // A: 1, 3, 4+   B: 2, 5, 6.  Distinct event times (n at risk, nA at risk, d, dA):
        //   t=1: (6, 3, 1, 1)  E_A = 3/6 = 0.5   V = d(n−d)/(n−1)·(nA/n)(1 − nA/n) = 1·(3/6)(3/6) = 0.25
        //   t=2: (5, 2, 1, 0)  E_A = 2/5 = 0.4   V = (2/5)(3/5) = 0.24
        //   t=3: (4, 2, 1, 1)  E_A = 2/4 = 0.5   V = (2/4)(2/4) = 0.25
        //   t=5: (2, 0, 1, 0)  E_A = 0           V = 0            (A's 4+ left the risk set at 4)
        //   t=6: (1, 0, 1, 0)  E_A = 0           V = 0            (n = 1: weight 0)
        // O_A = 2, E_A = 1.4, V = 0.74 → χ² = 0.6²/0.74 = 0.4864865, p = P(χ²₁ ≥ 0.4864865) = erfc(√(χ²/2)) = 0.4854988.
        var result = LogRank.Test(
        [
            ("A", new(1, true)), ("A", new(3, true)), ("A", new(4, false)),
            ("B", new(2, true)), ("B", new(5, true)), ("B", new(6, true)),
        ]);

        Assert.Equal(0.36 / 0.74, result.Chi2, 1e-14);
        Assert.Equal(1, result.Df);
        Assert.Equal(0.4854988, result.P, 1e-7);
        Assert.Equal(SpecialFunctions.Erfc(Math.Sqrt(result.Chi2 / 2)), result.P, 1e-14);
        Assert.Equal(new LogRankGroup("A", 3, 2, 1.4), result.Groups[0] with { Expected = Math.Round(result.Groups[0].Expected, 12) });
        Assert.Equal(new LogRankGroup("B", 3, 3, 3.6), result.Groups[1] with { Expected = Math.Round(result.Groups[1].Expected, 12) });
    }

    [Fact]
    public void Gehan_6MP_vs_placebo_matches_published()
    {
        // Kleinbaum & Klein, "Survival Analysis: A Self-Learning Text", ch. 2: log-rank χ² = 16.79, df 1, p < 0.0001;
        // R: survdiff(Surv(time, cens) ~ treat, data = MASS::gehan) gives Observed 9 / 21, Expected 19.25 / 10.75,
        // Chisq = 16.8 on 1 degrees of freedom, p = 4e-05 (4.17e-05 to three figures).
        var result = LogRank.Test(GehanLeukemia.Grouped());

        Assert.Equal(16.79, result.Chi2, 5e-3);
        Assert.Equal(1, result.Df);
        Assert.Equal(4.17e-5, result.P, 5e-8);
        Assert.Equal(9, result.Groups.Single(g => g.Group == "6-MP").Observed);
        Assert.Equal(21, result.Groups.Single(g => g.Group == "Placebo").Observed);
        Assert.Equal(19.25, result.Groups.Single(g => g.Group == "6-MP").Expected, 5e-3);
        Assert.Equal(10.75, result.Groups.Single(g => g.Group == "Placebo").Expected, 5e-3);
        Assert.Equal(result.Groups.Sum(g => g.Observed), result.Groups.Sum(g => g.Expected), 1e-12);
    }

    private static readonly (string, SurvivalObservation)[] ThirdGroup =
        new (double Time, bool Event)[] { (3, true), (5, false), (7, true), (9, true), (12, false), (14, true), (18, true), (21, false), (24, true), (30, false) }
            .Select(o => ("C", new SurvivalObservation(o.Time, o.Event))).ToArray();

    [Fact]
    public void Three_groups_use_the_full_covariance_matrix()
    {
        // Independent evaluation (explicit 2×2 inverse of V over groups 6-MP and Placebo) gives χ² = 19.6667746 on 2 df,
        // p = e^(−χ²/2) = 5.363079e-05 (χ²₂ is exponential).
        var result = LogRank.Test(GehanLeukemia.Grouped().Concat(ThirdGroup).ToArray());
        Assert.Equal(2, result.Df);
        Assert.Equal(19.6667746, result.Chi2, 1e-6);
        Assert.Equal(Math.Exp(-result.Chi2 / 2), result.P, 1e-15);
    }

    [Fact]
    public void Statistic_does_not_depend_on_which_group_is_dropped()
    {
        // The k components of U sum to zero, so any k − 1 of them give the same quadratic form; relabelling the groups
        // changes which one is dropped.
        var data = GehanLeukemia.Grouped().Concat(ThirdGroup).ToArray();
        var relabelled = data.Select(o => (o.Item1 switch { "6-MP" => "z", "C" => "a", _ => "m" }, o.Item2)).ToArray();
        Assert.Equal(LogRank.Test(data).Chi2, LogRank.Test(relabelled).Chi2, 1e-10);
    }

    [Fact]
    public void Identical_groups_give_zero()
    {
        var data = GehanLeukemia.SixMp.Select(o => ("x", o)).Concat(GehanLeukemia.SixMp.Select(o => ("y", o))).ToArray();
        var result = LogRank.Test(data);
        Assert.Equal(0.0, result.Chi2, 1e-12);
        Assert.Equal(1.0, result.P, 1e-9);
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => LogRank.Test(GehanLeukemia.SixMp.Select(o => ("one", o)).ToArray()));
        Assert.Throws<ArgumentException>(() => LogRank.Test([("a", new(1, false)), ("b", new(2, false))]));
        // Group b has nobody at risk at the only event time: V is singular.
        Assert.Throws<ArgumentException>(() => LogRank.Test([("a", new(1, true)), ("a", new(2, false)), ("b", new(0.5, false))]));
    }
}
