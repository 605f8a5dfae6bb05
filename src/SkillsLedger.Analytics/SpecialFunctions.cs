namespace SkillsLedger.Analytics;

/// <summary>
/// Special functions needed by the distributions in this library: log-gamma, the regularized
/// incomplete beta and gamma functions, the error function and the standard normal distribution.
/// Every member is a pure function of its arguments, in double precision.
/// </summary>
/// <remarks>
/// Definitions follow the NIST Digital Library of Mathematical Functions (DLMF), chapters 5 (gamma),
/// 7 (error function) and 8 (incomplete gamma and beta). Each part lives in its own file.
/// </remarks>
public static partial class SpecialFunctions
{
    /// <summary>Relative accuracy targeted by the series and continued fractions.</summary>
    internal const double Epsilon = 1e-16;

    /// <summary>Smallest magnitude allowed for a Lentz denominator before it is nudged away from zero.</summary>
    internal const double Tiny = 1e-300;
}
