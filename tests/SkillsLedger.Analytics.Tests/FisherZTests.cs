namespace SkillsLedger.Analytics.Tests;

public class FisherZTests
{
    [Fact]
    public void Interval_r05_n30()
    {
        // Hand computation from Fisher's formula: z = atanh(0.5) = 0.549306, SE = 1/√(30 − 3) = 0.192450,
        // z_0.975 = 1.959964 → z ± 0.377197 = (0.172109, 0.926503) → tanh → (0.170431, 0.728959).
        // Note: the commonly quoted "(0.1757, 0.7302)" does not follow from this formula; 0.17 to 0.73 does.
        var (low, high) = FisherZ.ConfidenceInterval(0.5, 30);
        Assert.Equal(0.170431, low, 1e-6);
        Assert.Equal(0.728959, high, 1e-6);
    }

    [Fact]
    public void Transform_and_inverse()
    {
        // atanh(0.5) = ½ ln 3 = 0.5493061443340549.
        Assert.Equal(0.5 * Math.Log(3), FisherZ.Transform(0.5), 1e-15);
        Assert.Equal(0.5, FisherZ.Inverse(0.5 * Math.Log(3)), 1e-15);
    }

    [Fact]
    public void Perfect_correlation_collapses_the_interval()
    {
        var (low, high) = FisherZ.ConfidenceInterval(1.0, 10);
        Assert.Equal(1.0, low);
        Assert.Equal(1.0, high);
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherZ.ConfidenceInterval(0.5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherZ.ConfidenceInterval(1.2, 30));
    }
}
