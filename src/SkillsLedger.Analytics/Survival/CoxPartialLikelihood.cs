namespace SkillsLedger.Analytics;

/// <summary>
/// The stratified Cox log partial likelihood ℓ(β) with its gradient U(β) and observed information I(β) = −∂²ℓ/∂β∂βᵀ,
/// for Breslow or Efron handling of ties.
/// </summary>
/// <remarks>
/// Within each stratum and each distinct event time t with D the d subjects failing at t and R the risk set
/// {time ≥ t}, let S⁽ᵏ⁾ = Σ_R w x^⊗k and A⁽ᵏ⁾ = Σ_D w x^⊗k with w = exp(βᵀx). Efron (1977) replaces the
/// denominator of the l-th tied failure (l = 0 … d − 1) by S⁽⁰⁾ − (l/d) A⁽⁰⁾; Breslow (1974) keeps S⁽⁰⁾. With
/// Dₗ = S⁽⁰⁾ − fₗA⁽⁰⁾ and mₗ = (S⁽¹⁾ − fₗA⁽¹⁾)/Dₗ:
/// ℓ += Σ_D βᵀx − Σₗ ln Dₗ,  U += Σ_D x − Σₗ mₗ,  I += Σₗ [(S⁽²⁾ − fₗA⁽²⁾)/Dₗ − mₗmₗᵀ]
/// (Kalbfleisch &amp; Prentice 1980, "The Statistical Analysis of Failure Time Data"; Therneau &amp; Grambsch 2000,
/// "Modeling Survival Data: Extending the Cox Model"). Strata add their terms, each with its own baseline hazard.
/// </remarks>
internal sealed class CoxPartialLikelihood
{
    private readonly (double Time, bool Event, double[] X)[][] _strata; // each stratum sorted by time, descending
    private readonly int _p;
    private readonly CoxTies _ties;

    public CoxPartialLikelihood(IEnumerable<IEnumerable<(double Time, bool Event, double[] X)>> strata, int p, CoxTies ties)
    {
        _strata = strata.Select(s => s.OrderByDescending(o => o.Time).ToArray()).ToArray();
        _p = p;
        _ties = ties;
    }

    /// <summary>Evaluates ℓ(β), U(β) and I(β).</summary>
    public (double LogLikelihood, double[] Gradient, double[,] Information) Evaluate(double[] beta)
    {
        var p = _p;
        var loglik = 0.0;
        var gradient = new double[p];
        var information = new double[p, p];
        var s1 = new double[p];
        var s2 = new double[p, p];
        var a1 = new double[p];
        var a2 = new double[p, p];
        var m = new double[p];

        foreach (var stratum in _strata)
        {
            var s0 = 0.0;
            Array.Clear(s1);
            Array.Clear(s2);
            var i0 = 0;
            while (i0 < stratum.Length)
            {
                var time = stratum[i0].Time;
                var a0 = 0.0;
                Array.Clear(a1);
                Array.Clear(a2);
                var d = 0;
                var i1 = i0;
                for (; i1 < stratum.Length && stratum[i1].Time == time; i1++)
                {
                    var (_, isEvent, x) = stratum[i1];
                    var eta = 0.0;
                    for (var j = 0; j < p; j++) eta += beta[j] * x[j];
                    var w = Math.Exp(eta);
                    s0 += w;
                    AddWeighted(s1, s2, x, w);
                    if (!isEvent) continue;

                    d++;
                    a0 += w;
                    AddWeighted(a1, a2, x, w);
                    loglik += eta;
                    for (var j = 0; j < p; j++) gradient[j] += x[j];
                }

                for (var l = 0; l < d; l++)
                {
                    var f = _ties == CoxTies.Efron ? (double)l / d : 0.0;
                    var denominator = s0 - f * a0;
                    loglik -= Math.Log(denominator);
                    for (var j = 0; j < p; j++)
                    {
                        m[j] = (s1[j] - f * a1[j]) / denominator;
                        gradient[j] -= m[j];
                    }

                    for (var j = 0; j < p; j++)
                    {
                        for (var k = 0; k < p; k++)
                        {
                            information[j, k] += (s2[j, k] - f * a2[j, k]) / denominator - m[j] * m[k];
                        }
                    }
                }

                i0 = i1;
            }
        }

        return (loglik, gradient, information);
    }

    private static void AddWeighted(double[] first, double[,] second, double[] x, double w)
    {
        for (var j = 0; j < x.Length; j++)
        {
            first[j] += w * x[j];
            for (var k = 0; k < x.Length; k++) second[j, k] += w * x[j] * x[k];
        }
    }
}
