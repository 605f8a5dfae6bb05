namespace SkillsLedger.Analytics;

/// <summary>Validation and critical values for two-sided confidence levels.</summary>
internal static class ConfidenceLevel
{
    /// <summary>Throws unless 0 &lt; level &lt; 1.</summary>
    public static void Validate(double level, string parameterName)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, level, "The confidence level must lie strictly between 0 and 1.");
        }
    }

    /// <summary>The upper probability 1 − (1 − level)/2 of a two-sided interval, e.g. 0.975 for level 0.95.</summary>
    public static double UpperProbability(double level) => 1.0 - 0.5 * (1.0 - level);

    /// <summary>z = Φ⁻¹(1 − (1 − level)/2), e.g. 1.959964 for level 0.95.</summary>
    public static double NormalCritical(double level) => SpecialFunctions.NormalQuantile(UpperProbability(level));
}
