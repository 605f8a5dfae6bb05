using SkillsLedger.Analytics.Strategy;

namespace SkillsLedger.Analytics.Tests;

/// <summary>The supply forecast against distributions worked by hand (docs/methods.md, "Strategic coverage").</summary>
public class SupplyModelTests
{
    [Fact]
    public void Departures_only_thin_supply_by_the_gamma_mixed_survival()
    {
        // 100 people at level 5 (target 3), no level changes, 20 leavers over 100 person-years, no entrants, one year ahead.
        // λ ~ Gamma(20.5, 100), P(stay) = E[e^(−λ)] = (1 + 1/100)^(−20.5) = 0.815477 → mean supply 81.548.
        // Spread: binomial 100·0.8155·0.1845 = 15.05 plus 100²·Var(e^(−λ)) ≈ 100²·0.8155²·0.00205 = 13.6 → sd ≈ 5.4, MC error of the mean ≈ 0.09.
        var evidence = new SupplyEvidence(3, 1, Enumerable.Repeat<double?>(5, 100).ToList(), [], 1, 20, 100, 0, 0, 0, 0);
        var forecast = SupplyModel.Forecast(evidence, 90);
        Assert.Equal(81.548, forecast.Mean, 0.4);
        Assert.InRange(forecast.High80 - forecast.Low80, 11, 17);   // ≈ 2 × 1.2816 × 5.4 = 13.8
        Assert.InRange(forecast.ProbabilityMeet, 0.03, 0.12);       // P(N(81.5, 5.4) ≥ 89.5) ≈ 0.07
        Assert.Equal(0.205, forecast.LeavingHazardPerYear, 1e-12);  // (20 + ½) / 100
    }

    [Fact]
    public void Growth_only_makes_supply_binomial_with_the_observed_share_that_rose()
    {
        // 10 people at 2.5 (target 3); of 60 observed at 2.5 a year earlier, 18 rose by 1 and 42 stayed: p = 0.3, and the
        // shared shift (sd ≈ 0.06) never bridges the 0.5 still missing. Nobody leaves. Supply ~ Binomial(10, 0.3):
        // CDF 0.0282, 0.1493, 0.3828, 0.6496, 0.8497, 0.9527, 0.9894 at 0…6 → P10 = 1, median = 3, P90 = 5, P97.5 = 6;
        // P(≥ 5) = 1 − 0.8497 = 0.1503.
        var changes = Enumerable.Range(0, 60).Select(i => new LevelChange(2.5, i < 18 ? 3.5 : 2.5)).ToList();
        var evidence = new SupplyEvidence(3, 1, Enumerable.Repeat<double?>(2.5, 10).ToList(), changes, 1, 0, 0, 0, 0, 0, 0);
        var forecast = SupplyModel.Forecast(evidence, 5);
        Assert.Equal(3.0, forecast.Mean, 0.08);
        Assert.Equal(1, forecast.Low80);
        Assert.Equal(3, forecast.Median);
        Assert.Equal(5, forecast.High80);
        Assert.Equal(6, forecast.High95);
        Assert.Equal(0.1503, forecast.ProbabilityMeet, 0.02);
    }

    [Fact]
    public void At_the_due_date_the_forecast_is_todays_supply()
    {
        var evidence = new SupplyEvidence(3, 0, [3.0, 2.9999999999999996, 2.0, null], [new LevelChange(2, 3), new LevelChange(3, 2)], 1, 5, 10, 3, 1, 1, 4);
        var forecast = SupplyModel.Forecast(evidence, 2);
        Assert.Equal((2, 2, 2, 2), (forecast.Low95, forecast.Low80, forecast.High80, forecast.High95));
        Assert.Equal(1.0, forecast.ProbabilityMeet);
    }

    [Fact]
    public void The_same_evidence_gives_the_same_forecast()
    {
        var changes = Enumerable.Range(0, 80).Select(i => new LevelChange(1 + i % 4, 1 + i % 4 + (i % 3) * 0.5)).ToList();
        var evidence = new SupplyEvidence(3, 1.5, Enumerable.Range(0, 40).Select(i => (double?)(1 + i % 5)).ToList(), changes, 1, 7, 50, 6, 2, 3, 30, (0.2, 0.4));
        Assert.Equal(SupplyModel.Forecast(evidence, 30), SupplyModel.Forecast(evidence, 30));
    }
}
