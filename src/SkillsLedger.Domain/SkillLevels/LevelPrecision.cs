namespace SkillsLedger.Domain.SkillLevels;

/// <summary>
/// The precision at which derived levels are compared and shown. A level is a ratio of double sums, so a person
/// assessed exactly 3 by a manager and by themselves comes out as 2.9999999999999996: without a rule that is a gap of
/// 4.4e-16 and "below target". Differences are therefore rounded to <see cref="CompareDecimals"/> decimals before
/// they are compared (far finer than any assessment scale, far coarser than double noise, about 1e-15 relative on a
/// 1–10 scale). The same rule is in the view analytics.team_skill_gap, the one place gaps are computed (the API and
/// BI read it); the stored levels stay exact.
/// </summary>
public static class LevelPrecision
{
    /// <summary>Decimals a level is compared at (gap = max(0, round(target − level, 9))).</summary>
    public const int CompareDecimals = 9;

    /// <summary>
    /// Whether a level reaches a target: target − level, rounded to <see cref="CompareDecimals"/> decimals, is at most 0.
    /// Never assessed (null) does not reach. This is the one definition of "meets the target" that every gap, readiness,
    /// supply and fit figure uses; its SQL rendering (<c>LevelsAt.Reaches</c>, the views of analytics-schema.sql) is
    /// <c>round((target::double precision - level)::numeric, 9) &lt;= 0</c>, and the arithmetic here is the same: the
    /// difference of two doubles, converted to a decimal at 15 significant digits (as PostgreSQL converts a double to
    /// numeric), rounded half away from zero (as PostgreSQL rounds a numeric). RuleAgreementTests compares the two.
    /// </summary>
    public static bool Reaches(double? level, double target) =>
        level is { } l && Math.Round((decimal)(target - l), CompareDecimals, MidpointRounding.AwayFromZero) <= 0;

    /// <summary>Decimals a level is shown to people with (levelDisplay); the exact value stays beside it.</summary>
    public const int DisplayDecimals = 2;

    /// <summary>A level as people read it, e.g. "3.00"; null when there is no level.</summary>
    public static string? Display(double? level) =>
        level?.ToString("F" + DisplayDecimals, System.Globalization.CultureInfo.InvariantCulture);
}
