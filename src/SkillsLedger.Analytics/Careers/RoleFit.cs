namespace SkillsLedger.Analytics.Careers;

/// <summary>One required skill of a role: the person's level and the required level, both already rescaled to 0–1 of their scale.</summary>
public readonly record struct FitTerm(double Level, double Required);

/// <summary>Fit of a person to a role profile (tracker issue 16, item 1).</summary>
public static class RoleFit
{
    /// <summary>
    /// fit = Σ min(level, required) / Σ required over the role's required skills; a skill without a level counts as 0.
    /// Levels above the requirement earn nothing extra, so surplus in one skill cannot hide a gap in another.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A level or requirement outside [0, 1], or no positive requirement.</exception>
    public static double Compute(IReadOnlyList<FitTerm> terms)
    {
        double met = 0, required = 0;
        foreach (var t in terms)
        {
            if (t.Level is < 0 or > 1 || double.IsNaN(t.Level)) throw new ArgumentOutOfRangeException(nameof(terms), t.Level, "levels must lie in [0, 1].");
            if (t.Required is < 0 or > 1 || double.IsNaN(t.Required)) throw new ArgumentOutOfRangeException(nameof(terms), t.Required, "requirements must lie in [0, 1].");
            met += Math.Min(t.Level, t.Required);
            required += t.Required;
        }
        if (required <= 0) throw new ArgumentOutOfRangeException(nameof(terms), required, "a role needs at least one positive requirement.");
        return met / required;
    }

    /// <summary>Rescales a level on a scale [min, max] to 0–1 of that scale, so roles and people on different scales compare.</summary>
    public static double Rescale(double level, double min, double max)
    {
        if (!(max > min)) throw new ArgumentOutOfRangeException(nameof(max), max, "max must exceed min.");
        return Math.Clamp((level - min) / (max - min), 0, 1);
    }
}
