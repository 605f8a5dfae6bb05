namespace SkillsLedger.Analytics.Tests;

public class KaplanMeierTests
{
    [Fact]
    public void Tiny_example_by_hand()
    {
        // Times 1, 3, 4+ (n = 3).
        // t=1: n=3, d=1 → S = 2/3;  V = Σ d/(n(n−d)) = 1/(3·2) = 1/6;  Var = S²V = (4/9)(1/6) = 2/27 = 0.0740741.
        // t=3: n=2, d=1 → S = 1/3;  V = 1/6 + 1/(2·1) = 2/3;           Var = (1/9)(2/3) = 2/27.
        // t=4: n=1, censored → S = 1/3, unchanged.
        // log(−log) interval at t=1 (z = 1.959964): log S = −0.4054651, se(θ) = √(1/6)/0.4054651 = 1.0068642,
        // e^(z·se) = e^1.9734175 = 7.195224 → low = (2/3)^7.195224 = 0.0540734, high = (2/3)^(1/7.195224) = 0.9452064.
        var curve = KaplanMeier.Estimate([new(1, true), new(3, true), new(4, false)]);

        Assert.Equal([0.0, 1, 3, 4], curve.Steps.Select(s => s.Time));
        Assert.Equal([3, 3, 2, 1], curve.Steps.Select(s => s.AtRisk));
        Assert.Equal([0, 1, 1, 0], curve.Steps.Select(s => s.Events));
        Assert.Equal([0, 0, 0, 1], curve.Steps.Select(s => s.Censored));
        Assert.Equal(1.0, curve.Steps[0].Survival);
        Assert.Equal(2.0 / 3, curve.Steps[1].Survival, 1e-15);
        Assert.Equal(1.0 / 3, curve.Steps[2].Survival, 1e-15);
        Assert.Equal(1.0 / 3, curve.Steps[3].Survival, 1e-15);
        Assert.Equal(2.0 / 27, curve.Steps[1].Variance!.Value, 1e-15);
        Assert.Equal(2.0 / 27, curve.Steps[2].Variance!.Value, 1e-15);

        var s = 2.0 / 3;
        var e = Math.Exp(1.959963984540054 * Math.Sqrt(1.0 / 6) / -Math.Log(s));
        Assert.Equal(Math.Pow(s, e), curve.Steps[1].CiLow!.Value, 1e-12);
        Assert.Equal(Math.Pow(s, 1 / e), curve.Steps[1].CiHigh!.Value, 1e-12);
        Assert.Equal(0.0540734, curve.Steps[1].CiLow!.Value, 1e-6);
        Assert.Equal(0.9452064, curve.Steps[1].CiHigh!.Value, 1e-6);
    }

    [Theory]
    // Published KM for the 6-MP group with Greenwood SE: Kleinbaum & Klein, "Survival Analysis: A Self-Learning Text",
    // ch. 2 (6-MP table); Collett, "Modelling Survival Data in Medical Research", ch. 2; R:
    // summary(survfit(Surv(time, cens) ~ 1, data = subset(MASS::gehan, treat == "6-MP"))) prints
    // time n.risk n.event survival std.err: 6 21 3 0.857 0.0764 | 7 17 1 0.807 0.0869 | 10 15 1 0.753 0.0963 |
    // 13 12 1 0.690 0.1068 | 16 11 1 0.627 0.1141 | 22 7 1 0.538 0.1282 | 23 6 1 0.448 0.1346.
    [InlineData(6, 21, 3, 0.8571, 0.0764)]
    [InlineData(7, 17, 1, 0.8067, 0.0869)]
    [InlineData(10, 15, 1, 0.7529, 0.0963)]
    [InlineData(13, 12, 1, 0.6902, 0.1068)]
    [InlineData(16, 11, 1, 0.6275, 0.1141)]
    [InlineData(22, 7, 1, 0.5378, 0.1282)]
    [InlineData(23, 6, 1, 0.4482, 0.1346)]
    public void SixMp_matches_published_table(double time, int atRisk, int events, double survival, double standardError)
    {
        var curve = KaplanMeier.Estimate(GehanLeukemia.SixMp);
        var step = curve.Steps.Single(s => s.Time == time);
        Assert.Equal(atRisk, step.AtRisk);
        Assert.Equal(events, step.Events);
        Assert.Equal(survival, step.Survival, 5e-5);
        Assert.Equal(standardError, step.StandardError!.Value, 5e-5);
        Assert.Equal(survival, curve.SurvivalAt(time).S, 5e-5);
    }

    [Fact]
    public void SixMp_exact_products()
    {
        // S(23) = (18/21)(16/17)(14/15)(11/12)(10/11)(6/7)(5/6) = 0.4481793; Greenwood at 23:
        // V = 3/(21·18) + 1/(17·16) + 1/(15·14) + 1/(12·11) + 1/(11·10) + 1/(7·6) + 1/(6·5) = 0.0901844.
        var curve = KaplanMeier.Estimate(GehanLeukemia.SixMp);
        var s23 = 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7 * 5 / 6;
        var v23 = 3.0 / (21 * 18) + 1.0 / (17 * 16) + 1.0 / (15 * 14) + 1.0 / (12 * 11) + 1.0 / (11 * 10) + 1.0 / (7 * 6) + 1.0 / (6 * 5);
        var step = curve.Steps.Single(s => s.Time == 23);
        Assert.Equal(s23, step.Survival, 1e-14);
        Assert.Equal(s23 * s23 * v23, step.Variance!.Value, 1e-14);
        Assert.Equal(0.448179, s23, 1e-6);
        Assert.Equal(0.0901844, v23, 1e-7);
    }

    [Fact]
    public void SixMp_log_log_interval_at_23()
    {
        // Kalbfleisch–Prentice interval at t = 23: log S = ln 0.4481793 = −0.8025768, √V = 0.3003072,
        // se(θ) = 0.3003072/0.8025768 = 0.3741788, z·se = 0.7333770, e^0.7333770 = 2.082127,
        // low = 0.4481793^2.082127 = 0.18805, high = 0.4481793^(1/2.082127) = 0.68014.
        // This is the interval of R's conf.type = "log-log" (and Stata's default). The figure "(0.2185, 0.6533)" quoted in
        // the task brief is NOT reproduced by this formula (nor by the plain, log, arcsine or logit intervals at 95 %); the
        // hand derivation above is what is asserted.
        var curve = KaplanMeier.Estimate(GehanLeukemia.SixMp);
        var (s, low, high) = curve.SurvivalAt(23);
        Assert.Equal(0.4482, s, 5e-5);
        Assert.Equal(0.18805, low!.Value, 5e-5);
        Assert.Equal(0.68014, high!.Value, 5e-5);

        // At t = 6 (S = 6/7, V = 3/378): (0.61972, 0.95155).
        var (_, low6, high6) = curve.SurvivalAt(6);
        Assert.Equal(0.61972, low6!.Value, 5e-5);
        Assert.Equal(0.95155, high6!.Value, 5e-5);
    }

    [Fact]
    public void SurvivalAt_is_right_continuous_step_function()
    {
        var curve = KaplanMeier.Estimate(GehanLeukemia.SixMp);
        Assert.Equal(1.0, curve.SurvivalAt(0).S);
        Assert.Equal(1.0, curve.SurvivalAt(5.999).S);
        Assert.Equal(18.0 / 21, curve.SurvivalAt(6).S, 1e-15);         // includes the events at 6
        Assert.Equal(18.0 / 21, curve.SurvivalAt(6.999).S, 1e-15);
        Assert.Equal(curve.SurvivalAt(23).S, curve.SurvivalAt(35).S);   // flat after the last event
        Assert.Equal(curve.SurvivalAt(23).S, curve.SurvivalAt(1000).S); // carried forward past the last time
        Assert.Equal(new SurvivalEstimate(1.0, null, null), curve.SurvivalAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.SurvivalAt(double.NaN));
    }

    [Fact]
    public void Edges_S_equal_one_and_zero_have_no_interval()
    {
        // 2+, 3, 3: S = 1 at 0 and 2 (no interval, variance 0); at 3 both at risk fail → S = 0, no variance, no interval.
        var curve = KaplanMeier.Estimate([new(2, false), new(3, true), new(3, true)]);
        Assert.Equal(3, curve.Steps.Count);
        foreach (var step in curve.Steps.Take(2))
        {
            Assert.Equal(1.0, step.Survival);
            Assert.Equal(0.0, step.Variance);
            Assert.Null(step.CiLow);
            Assert.Null(step.CiHigh);
        }

        var last = curve.Steps[2];
        Assert.Equal(0.0, last.Survival);
        Assert.Null(last.Variance);
        Assert.Null(last.StandardError);
        Assert.Null(last.CiLow);
        Assert.Null(last.CiHigh);
        Assert.Equal(new SurvivalEstimate(0.0, null, null), curve.SurvivalAt(10));
    }

    [Fact]
    public void Events_at_time_zero_form_the_first_step()
    {
        var curve = KaplanMeier.Estimate([new(0, true), new(1, true), new(2, false), new(3, true)]);
        Assert.Equal(0.0, curve.Steps[0].Time);
        Assert.Equal(4, curve.Steps[0].AtRisk);
        Assert.Equal(0.75, curve.Steps[0].Survival, 1e-15);
        Assert.Equal(0.75, curve.SurvivalAt(0).S, 1e-15);
        Assert.Equal(4, curve.Steps.Count);
    }

    [Fact]
    public void Placebo_curve_reaches_zero()
    {
        // All 21 placebo patients relapsed; the last (t = 23) had n = 1, d = 1.
        var curve = KaplanMeier.Estimate(GehanLeukemia.Placebo);
        Assert.Equal(0.0, curve.SurvivalAt(23).S);
        // R: S(8) = 0.381 (n.risk 12 at 8, 4 events): (19/21)(17/19)(16/17)(14/16)(12/14)(8/12) = 8/21.
        Assert.Equal(8.0 / 21, curve.SurvivalAt(8).S, 1e-15);
    }

    [Fact]
    public void Intervals_widen_with_level_and_bracket_S()
    {
        var narrow = KaplanMeier.Estimate(GehanLeukemia.SixMp, 0.90);
        var wide = KaplanMeier.Estimate(GehanLeukemia.SixMp, 0.99);
        for (var i = 0; i < narrow.Steps.Count; i++)
        {
            var (n, w) = (narrow.Steps[i], wide.Steps[i]);
            if (n.CiLow is null) continue;
            Assert.True(w.CiLow < n.CiLow && n.CiLow < n.Survival && n.Survival < n.CiHigh && n.CiHigh < w.CiHigh);
        }
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([]));
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([new(-1, true)]));
        Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate([new(double.NaN, true)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KaplanMeier.Estimate([new(1, true)], 1.0));
    }
}
