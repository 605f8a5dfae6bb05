using SkillsLedger.Analytics.Careers;

namespace SkillsLedger.Analytics.Tests;

public class RoleFitTests
{
    [Fact]
    public void Surplus_does_not_offset_a_gap_and_missing_counts_zero()
    {
        // Scale 1–5: required 4, 3, 5 → 0.75, 0.5, 1.0 (Σ 2.25). Levels 5 (capped at 0.75), 2 → 0.25, none → 0.
        // fit = (0.75 + 0.25 + 0) / 2.25 = 1/2.25 = 0.444…
        var terms = new[]
        {
            new FitTerm(RoleFit.Rescale(5, 1, 5), RoleFit.Rescale(4, 1, 5)),
            new FitTerm(RoleFit.Rescale(2, 1, 5), RoleFit.Rescale(3, 1, 5)),
            new FitTerm(0, RoleFit.Rescale(5, 1, 5)),
        };
        Assert.Equal(1 / 2.25, RoleFit.Compute(terms), 1e-12);
    }

    [Fact]
    public void Different_scales_are_rescaled_first()
    {
        // 3 on 0–4 = 0.75; 60 on 0–100 = 0.6. Required 0.5 each → (0.5 + 0.5) / 1.0 = 1.
        Assert.Equal(0.75, RoleFit.Rescale(3, 0, 4), 1e-12);
        Assert.Equal(1.0, RoleFit.Compute([new(RoleFit.Rescale(3, 0, 4), 0.5), new(RoleFit.Rescale(60, 0, 100), 0.5)]), 1e-12);
    }

    [Fact]
    public void A_role_without_requirements_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RoleFit.Compute([new(0.5, 0)]));
    }
}
