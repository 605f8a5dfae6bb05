namespace SkillsLedger.Analytics;

/// <summary>How a Cox partial likelihood treats tied event times.</summary>
public enum CoxTies
{
    /// <summary>Efron (1977), "The efficiency of Cox's likelihood function for censored data", JASA 72 (R's default).</summary>
    Efron,

    /// <summary>Breslow (1974), "Covariance analysis of censored survival data", Biometrics 30 (Peto–Breslow).</summary>
    Breslow,
}
