namespace SkillsLedger.Analytics.Tests;

public class CoxRegressionTests
{
    [Fact]
    public void Gehan_Efron_matches_published()
    {
        // R: coxph(Surv(time, cens) ~ treat, data = MASS::gehan) with placebo = 1 (Efron ties, R's default) prints
        // coef 1.572, exp(coef) 4.817, se(coef) 0.412, z 3.81, p 0.000138; lower/upper .95 2.147 / 10.81;
        // "Likelihood ratio test = 16.35 on 1 df".
        // Independent hand-coded Newton iteration: β = 1.5721251, se = 0.4123967, ℓ(β̂) = −85.008425, ℓ(0) = −93.184270.
        var fit = CoxRegression.Fit(GehanLeukemia.ForCox());
        var c = Assert.Single(fit.Coefficients);

        Assert.True(fit.Converged);
        Assert.Equal(CoxTies.Efron, fit.Ties);
        Assert.Equal(1.572, c.Beta, 5e-4);
        Assert.Equal(0.412, c.StandardError!.Value, 5e-4);
        Assert.Equal(4.817, c.HazardRatio!.Value, 5e-4);
        Assert.Equal(2.147, c.HazardRatioLow!.Value, 5e-4);
        Assert.Equal(10.81, c.HazardRatioHigh!.Value, 5e-3);
        Assert.Equal(3.81, c.Z!.Value, 5e-3);
        Assert.Equal(0.000138, c.P!.Value, 5e-7);
        Assert.Equal(16.35, fit.LikelihoodRatioChi2!.Value, 5e-3);

        Assert.Equal(1.5721251, c.Beta, 1e-6);
        Assert.Equal(0.4123967, c.StandardError!.Value, 1e-6);
        Assert.Equal(-85.008425, fit.LogLikelihood, 1e-5);
        Assert.Equal(-93.184270, fit.LogLikelihoodNull, 1e-5);
        Assert.InRange(fit.Iterations, 2, 10);
    }

    [Fact]
    public void Gehan_Breslow_matches_published()
    {
        // R: coxph(..., ties = "breslow") gives coef 1.509, se 0.410, exp(coef) 4.523; Kleinbaum & Klein, "Survival Analysis:
        // A Self-Learning Text", ch. 3, print the same fit of Rx alone (Stata, Breslow ties): coef 1.509, HR 4.523. Hand-coded Newton: β = 1.5091914, se = 0.4095644.
        var fit = CoxRegression.Fit(GehanLeukemia.ForCox(), CoxTies.Breslow);
        var c = Assert.Single(fit.Coefficients);

        Assert.True(fit.Converged);
        Assert.Equal(1.509, c.Beta, 5e-4);
        Assert.Equal(0.410, c.StandardError!.Value, 5e-4);
        Assert.Equal(4.523, c.HazardRatio!.Value, 5e-4);
        Assert.Equal(1.5091914, c.Beta, 1e-6);
        Assert.Equal(0.4095644, c.StandardError!.Value, 1e-6);
    }

    [Fact]
    public void No_ties_closed_form()
    {
        // Events at 1 (x=1), 2 (x=0), 3 (x=1). With u = e^β:
        //   L(β) = u/(2u + 1) · 1/(u + 1) · 1,  U = 1 − 2u/(2u + 1) − u/(u + 1) = 0  ⇔  2u² = 1  ⇔  β = −½ ln 2.
        //   I = 2u/(2u + 1)² + u/(u + 1)² = 2(3√2 − 4) = 6√2 − 8 = 0.4852814 at u = 1/√2.
        // Without ties Efron and Breslow coincide.
        foreach (var ties in new[] { CoxTies.Efron, CoxTies.Breslow })
        {
            var fit = CoxRegression.Fit([new(1, true, [1.0]), new(2, true, [0.0]), new(3, true, [1.0])], ties);
            var c = Assert.Single(fit.Coefficients);
            Assert.True(fit.Converged);
            Assert.Equal(-0.5 * Math.Log(2), c.Beta, 1e-12);
            Assert.Equal(1 / Math.Sqrt(6 * Math.Sqrt(2) - 8), c.StandardError!.Value, 1e-10);
            var u = 1 / Math.Sqrt(2);
            Assert.Equal(Math.Log(u / ((2 * u + 1) * (u + 1))), fit.LogLikelihood, 1e-12);
            Assert.Equal(Math.Log(1.0 / 6), fit.LogLikelihoodNull, 1e-12);
        }
    }

    [Fact]
    public void Tied_events_closed_form_Efron_and_Breslow()
    {
        // Events at 1 (x=1), 1 (x=0), 2 (x=0); u = e^β. The risk set at 1 has weight u + 2, the tied pair u + 1.
        // Breslow: ℓ = β − 2 ln(u + 2), U = 1 − 2u/(u + 2) = 0 ⇒ u = 2, β = ln 2; I = 2·2u/(u + 2)² = 1/2 ⇒ se = √2.
        // Efron: second denominator (u + 2) − ½(u + 1) = (u + 3)/2, so ℓ = β − ln(u + 2) − ln((u + 3)/2),
        //   U = 1 − u/(u + 2) − u/(u + 3) = 0 ⇒ u² = 6, β = ½ ln 6; I = 2u/(u + 2)² + 3u/(u + 3)².
        CoxObservation[] data = [new(1, true, [1.0]), new(1, true, [0.0]), new(2, true, [0.0])];

        var breslow = CoxRegression.Fit(data, CoxTies.Breslow);
        Assert.Equal(Math.Log(2), breslow.Coefficients[0].Beta, 1e-12);
        Assert.Equal(Math.Sqrt(2), breslow.Coefficients[0].StandardError!.Value, 1e-10);
        Assert.Equal(Math.Log(2) - 2 * Math.Log(4), breslow.LogLikelihood, 1e-12);

        var efron = CoxRegression.Fit(data);
        var u = Math.Sqrt(6);
        Assert.Equal(0.5 * Math.Log(6), efron.Coefficients[0].Beta, 1e-12);
        Assert.Equal(1 / Math.Sqrt(2 * u / ((u + 2) * (u + 2)) + 3 * u / ((u + 3) * (u + 3))), efron.Coefficients[0].StandardError!.Value, 1e-10);
        Assert.Equal(0.5 * Math.Log(6) - Math.Log(u + 2) - Math.Log((u + 3) / 2), efron.LogLikelihood, 1e-12);
        Assert.Equal(-Math.Log(3) - Math.Log(2), efron.LogLikelihoodNull, 1e-12); // ℓ(0) = −ln 3 − ln 2
    }

    [Fact]
    public void Separation_reports_non_convergence_without_infinities()
    {
        // Every event is in the x = 1 group, every x = 0 subject is censored: the likelihood increases monotonically in β
        // and β̂ = +∞ (monotone likelihood).
        CoxObservation[] data =
        [
            new(1, true, [1.0]), new(2, true, [1.0]), new(3, true, [1.0]),
            new(4, false, [0.0]), new(5, false, [0.0]), new(6, false, [0.0]),
        ];

        foreach (var ties in new[] { CoxTies.Efron, CoxTies.Breslow })
        {
            var fit = CoxRegression.Fit(data, ties);
            Assert.False(fit.Converged);
            var c = Assert.Single(fit.Coefficients);
            Assert.True(double.IsFinite(c.Beta) && c.Beta > 5);
            Assert.Null(c.StandardError);
            Assert.Null(c.HazardRatio);
            Assert.Null(c.HazardRatioLow);
            Assert.Null(c.HazardRatioHigh);
            Assert.Null(c.Z);
            Assert.Null(c.P);
            Assert.Null(fit.Covariance);
            Assert.Null(fit.LikelihoodRatioChi2);
            Assert.True(double.IsFinite(fit.LogLikelihood) && fit.LogLikelihood > fit.LogLikelihoodNull);
            Assert.InRange(fit.Iterations, 1, 50);
        }
    }

    [Fact]
    public void One_stratum_equals_unstratified()
    {
        var plain = CoxRegression.Fit(GehanLeukemia.ForCox());
        var stratified = CoxRegression.Fit(GehanLeukemia.ForCox("all"));
        Assert.Equal(plain.Coefficients[0].Beta, stratified.Coefficients[0].Beta, 1e-12);
        Assert.Equal(plain.LogLikelihood, stratified.LogLikelihood, 1e-10);
    }

    [Fact]
    public void Strata_add_their_partial_likelihoods()
    {
        // Two identical copies of the data as separate strata: the partial likelihood is the sum of two equal terms,
        // so β̂ is unchanged, ℓ doubles and the information doubles (se / √2).
        var single = CoxRegression.Fit(GehanLeukemia.ForCox());
        var doubled = CoxRegression.Fit(GehanLeukemia.ForCox("a").Concat(GehanLeukemia.ForCox("b")).ToArray());
        Assert.True(doubled.Converged);
        Assert.Equal(single.Coefficients[0].Beta, doubled.Coefficients[0].Beta, 1e-9);
        Assert.Equal(2 * single.LogLikelihood, doubled.LogLikelihood, 1e-8);
        Assert.Equal(single.Coefficients[0].StandardError!.Value / Math.Sqrt(2), doubled.Coefficients[0].StandardError!.Value, 1e-9);

        // Pooling the same copies in one stratum differs (risk sets are shared), confirming strata are kept apart.
        var pooled = CoxRegression.Fit(GehanLeukemia.ForCox().Concat(GehanLeukemia.ForCox()).ToArray());
        Assert.NotEqual(doubled.LogLikelihood, pooled.LogLikelihood, 3);
    }

    [Fact]
    public void Covariate_constant_within_every_stratum_is_not_estimable()
    {
        // Stratifying by the treatment arm itself leaves no within-stratum contrast: zero information, not converged.
        var data = GehanLeukemia.ForCox().Select(o => o with { Stratum = o.Covariates[0] == 1 ? "placebo" : "6-MP" }).ToArray();
        var fit = CoxRegression.Fit(data);
        Assert.False(fit.Converged);
        Assert.Null(fit.Coefficients[0].StandardError);
    }

    [Fact]
    public void Rescaling_a_covariate_rescales_beta()
    {
        var plain = CoxRegression.Fit(GehanLeukemia.ForCox());
        var scaled = CoxRegression.Fit(GehanLeukemia.ForCox().Select(o => o with { Covariates = [o.Covariates[0] * 365 + 10] }).ToArray());
        Assert.Equal(plain.Coefficients[0].Beta / 365, scaled.Coefficients[0].Beta, 1e-12);
        Assert.Equal(plain.Coefficients[0].StandardError!.Value / 365, scaled.Coefficients[0].StandardError!.Value, 1e-12);
        Assert.Equal(plain.Coefficients[0].P!.Value, scaled.Coefficients[0].P!.Value, 1e-12);
        Assert.Equal(plain.LogLikelihood, scaled.LogLikelihood, 1e-10);
    }

    [Fact]
    public void Two_covariates_transform_linearly()
    {
        // Three arms coded by two dummies (d1, d2), then refitted on (d1 + d2, d2): β' = (β₁, β₂ − β₁) and ℓ is unchanged.
        var third = new (double T, bool E)[] { (3, true), (5, false), (7, true), (9, true), (12, false), (14, true), (18, true), (21, false), (24, true), (30, false) };
        var data = GehanLeukemia.SixMp.Select(o => new CoxObservation(o.Time, o.Event, [0.0, 0.0]))
            .Concat(GehanLeukemia.Placebo.Select(o => new CoxObservation(o.Time, o.Event, [1.0, 0.0])))
            .Concat(third.Select(o => new CoxObservation(o.T, o.E, [0.0, 1.0])))
            .ToArray();
        var fit = CoxRegression.Fit(data);
        var transformed = CoxRegression.Fit(data.Select(o => o with { Covariates = [o.Covariates[0] + o.Covariates[1], o.Covariates[1]] }).ToArray());

        Assert.True(fit.Converged && transformed.Converged);
        Assert.Equal(fit.LogLikelihood, transformed.LogLikelihood, 1e-10);
        Assert.Equal(fit.Coefficients[0].Beta, transformed.Coefficients[0].Beta, 1e-9);
        Assert.Equal(fit.Coefficients[1].Beta - fit.Coefficients[0].Beta, transformed.Coefficients[1].Beta, 1e-9);
        // Var(β₂ − β₁) = V₂₂ + V₁₁ − 2V₁₂.
        var v = fit.Covariance!;
        Assert.Equal(Math.Sqrt(v[1, 1] + v[0, 0] - 2 * v[0, 1]), transformed.Coefficients[1].StandardError!.Value, 1e-9);
        Assert.Equal(2, fit.Coefficients.Count);
        Assert.Equal(fit.LikelihoodRatioP!.Value, ChiSquared.Survival(fit.LikelihoodRatioChi2!.Value, 2), 1e-15);
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => CoxRegression.Fit([]));
        Assert.Throws<ArgumentException>(() => CoxRegression.Fit([new(1, false, [1.0]), new(2, false, [0.0])]));
        Assert.Throws<ArgumentException>(() => CoxRegression.Fit([new(1, true, [1.0]), new(2, true, [1.0, 2.0])]));
        Assert.Throws<ArgumentException>(() => CoxRegression.Fit([new(1, true, [1.0]), new(2, true, [1.0])]));
        Assert.Throws<ArgumentException>(() => CoxRegression.Fit([new(1, true, [double.NaN]), new(2, true, [1.0])]));
        Assert.Throws<ArgumentException>(() => CoxRegression.Fit([new(-1, true, [0.0]), new(2, true, [1.0])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoxRegression.Fit(GehanLeukemia.ForCox(), maxIter: 0));
    }
}
