namespace SkillsLedger.Analytics;

/// <summary>Cox proportional-hazards regression, h(t | x) = h₀(t) exp(βᵀx), by maximum partial likelihood.</summary>
public static class CoxRegression
{
    /// <summary>Newton steps are accepted as converged when every |Δβ| on the standardized scale is below this.</summary>
    private const double StepTolerance = 1e-9;

    /// <summary>Relative change of the log-likelihood below which a step is rounding noise.</summary>
    private const double LogLikelihoodTolerance = 1e-10;

    /// <summary>Largest standardized step still treated as settled when the log-likelihood no longer moves.</summary>
    private const double SettledStep = 1e-5;

    /// <summary>Maximum number of step halvings when a Newton step lowers the log partial likelihood.</summary>
    private const int MaxHalvings = 30;

    /// <summary>
    /// Fits β by Newton–Raphson on the (optionally stratified) log partial likelihood of Cox (1972), "Regression models
    /// and life-tables", JRSS B 34, with Efron or Breslow ties, starting from β = 0.
    /// Standard errors are √diag I(β̂)⁻¹ (inverse observed information); hazard ratios exp(β̂) with the Wald interval
    /// exp(β̂ ± z·se), z = Φ⁻¹(1 − (1 − level)/2); Wald p = 2(1 − Φ(|β̂/se|)).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Covariates are centred and scaled to unit standard deviation internally (ℓ is invariant to centring; scaling
    /// reparametrizes β), which makes the convergence test scale-free; results are reported on the original scale.
    /// A step that lowers ℓ is halved (as R's coxph does). Convergence: every Newton step |Δβ| on the standardized
    /// scale below 1e-9.
    /// </para>
    /// <para>
    /// Monotone likelihood (e.g. every event in one group, so β̂ = ±∞): ℓ keeps rising while β grows by a roughly
    /// constant step, so the step criterion is never met; the fit stops at <paramref name="maxIter"/> or when the
    /// information becomes numerically singular, and returns Converged = false with the last β, the log-likelihood,
    /// and null standard errors, hazard ratios, intervals and p-values — never an exception or an infinity.
    /// </para>
    /// <para>
    /// Adjustment: either add 0/1 dummy covariates (e.g. one per department but one) or give each subject a
    /// <see cref="CoxObservation.Stratum"/> so that each stratum has its own baseline hazard.
    /// </para>
    /// </remarks>
    /// <param name="observations">Subjects; at least one event, all covariate vectors of the same length p ≥ 1, finite.</param>
    /// <param name="ties">Tie handling; Efron by default.</param>
    /// <param name="maxIter">Maximum Newton–Raphson iterations, ≥ 1.</param>
    /// <param name="level">Two-sided confidence level of the hazard-ratio intervals; default 0.95.</param>
    /// <exception cref="ArgumentException">No observations or events, ragged or non-finite covariates, an invalid
    /// time, or a covariate that is constant over all subjects.</exception>
    /// <exception cref="ArgumentOutOfRangeException">maxIter &lt; 1 or level outside (0, 1).</exception>
    public static CoxFit Fit(IReadOnlyList<CoxObservation> observations, CoxTies ties = CoxTies.Efron, int maxIter = 50, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (maxIter < 1) throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "maxIter must be at least 1.");
        ConfidenceLevel.Validate(level, nameof(level));
        var p = Validate(observations);

        var (centre, scale) = Standardization(observations, p);
        var likelihood = new CoxPartialLikelihood(
            observations
                .Select(o => (o.Time, o.Event, X: Enumerable.Range(0, p).Select(j => (o.Covariates[j] - centre[j]) / scale[j]).ToArray(), o.Stratum))
                .GroupBy(o => o.Stratum ?? "\0null", StringComparer.Ordinal)
                .Select(g => g.Select(o => (o.Time, o.Event, o.X))),
            p,
            ties);

        var beta = new double[p];
        var (loglik, gradient, information) = likelihood.Evaluate(beta);
        var loglikNull = loglik;
        var converged = false;
        var iterations = 0;
        double[,]? inverse = null;

        while (iterations < maxIter)
        {
            inverse = LinearSystem.Invert(information);
            if (inverse is null) break;
            var step = LinearSystem.Multiply(inverse, gradient);
            if (step.Any(s => !double.IsFinite(s))) { inverse = null; break; }
            iterations++;

            var small = step.All(s => Math.Abs(s) < StepTolerance);
            // With thousands of subjects the log-likelihood is only known to ~1e-12 relative: near the optimum a
            // tiny step can "lower" it by rounding alone. Accept changes within that noise, and call the fit converged
            // when a small step no longer changes the log-likelihood beyond it (the criterion R's coxph uses).
            var noise = LogLikelihoodTolerance * Math.Max(1, Math.Abs(loglik));
            var previous = loglik;
            var accepted = false;
            for (var halving = 0; halving <= MaxHalvings && !accepted; halving++)
            {
                var candidate = beta.Select((b, j) => b + step[j]).ToArray();
                var evaluation = likelihood.Evaluate(candidate);
                if (double.IsFinite(evaluation.LogLikelihood) && (evaluation.LogLikelihood >= loglik - noise || small))
                {
                    beta = candidate;
                    (loglik, gradient, information) = evaluation;
                    accepted = true;
                }
                else
                {
                    for (var j = 0; j < p; j++) step[j] *= 0.5;
                }
            }

            if (accepted && (small || (Math.Abs(loglik - previous) <= noise && step.All(v => Math.Abs(v) < SettledStep))))
            {
                converged = true;
                break;
            }

            if (!accepted) break; // no ascent possible at working precision while the step is not small
        }

        if (converged)
        {
            inverse = LinearSystem.Invert(information);
            converged = inverse is not null && Enumerable.Range(0, p).All(j => inverse[j, j] > 0 && double.IsFinite(inverse[j, j]));
        }

        return converged
            ? Report(beta, inverse!, scale, loglik, loglikNull, iterations, ties, level)
            : new CoxFit(
                beta.Select((b, j) => new CoxCoefficient(b / scale[j], null, null, null, null, null, null)).ToArray(),
                loglik, loglikNull, null, null, iterations, false, ties, null);
    }

    private static CoxFit Report(double[] betaStd, double[,] inverseStd, double[] scale, double loglik, double loglikNull, int iterations, CoxTies ties, double level)
    {
        var p = betaStd.Length;
        var z = ConfidenceLevel.NormalCritical(level);
        var covariance = new double[p, p];
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < p; k++) covariance[j, k] = inverseStd[j, k] / (scale[j] * scale[k]);
        }

        var coefficients = new CoxCoefficient[p];
        for (var j = 0; j < p; j++)
        {
            var beta = betaStd[j] / scale[j];
            var se = Math.Sqrt(covariance[j, j]);
            var wald = beta / se;
            coefficients[j] = new CoxCoefficient(
                beta, se, Math.Exp(beta), Math.Exp(beta - z * se), Math.Exp(beta + z * se), wald,
                2.0 * SpecialFunctions.NormalSurvival(Math.Abs(wald)));
        }

        var lr = Math.Max(0.0, 2.0 * (loglik - loglikNull));
        return new CoxFit(coefficients, loglik, loglikNull, lr, ChiSquared.Survival(lr, p), iterations, true, ties, covariance);
    }

    private static int Validate(IReadOnlyList<CoxObservation> observations)
    {
        if (observations.Count == 0) throw new ArgumentException("At least one observation is required.", nameof(observations));
        var p = observations[0]?.Covariates?.Length ?? 0;
        if (p == 0) throw new ArgumentException("At least one covariate is required.", nameof(observations));
        for (var i = 0; i < observations.Count; i++)
        {
            var o = observations[i] ?? throw new ArgumentException($"observations[{i}] is null.", nameof(observations));
            if (!double.IsFinite(o.Time) || o.Time < 0) throw new ArgumentException($"observations[{i}].Time must be finite and ≥ 0.", nameof(observations));
            if (o.Covariates is null || o.Covariates.Length != p) throw new ArgumentException($"observations[{i}] must have {p} covariates.", nameof(observations));
            if (o.Covariates.Any(x => !double.IsFinite(x))) throw new ArgumentException($"observations[{i}] has a non-finite covariate.", nameof(observations));
        }

        if (!observations.Any(o => o.Event)) throw new ArgumentException("At least one event is required.", nameof(observations));
        return p;
    }

    /// <summary>Mean and (population) standard deviation of each covariate.</summary>
    private static (double[] Centre, double[] Scale) Standardization(IReadOnlyList<CoxObservation> observations, int p)
    {
        var centre = new double[p];
        var scale = new double[p];
        for (var j = 0; j < p; j++)
        {
            var mean = observations.Average(o => o.Covariates[j]);
            var sd = Math.Sqrt(observations.Average(o => (o.Covariates[j] - mean) * (o.Covariates[j] - mean)));
            if (!(sd > 0)) throw new ArgumentException($"Covariate {j} is constant; its coefficient is not identifiable.", nameof(observations));
            centre[j] = mean;
            scale[j] = sd;
        }

        return (centre, scale);
    }
}
