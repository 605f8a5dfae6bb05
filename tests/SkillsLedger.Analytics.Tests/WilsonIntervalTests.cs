namespace SkillsLedger.Analytics.Tests;

public class WilsonIntervalTests
{
    [Fact]
    public void Newcombe_81_of_263()
    {
        // Newcombe (1998), Stat. Med. 17:857–872, Table I example 81/263, Wilson score method: 0.2553 to 0.3662.
        // Hand check: p = 81/263 = 0.307985, z = 1.959964, z² = 3.841459, z²/n = 0.014606
        //   centre = (p + z²/(2n)) / (1 + z²/n) = (0.307985 + 0.007303) / 1.014606 = 0.310749
        //   half   = z √(p(1−p)/n + z²/(4n²)) / (1 + z²/n) = 1.959964 × √(0.00081038 + 0.00001388) / 1.014606 = 0.055461
        //   → (0.255289, 0.366210)
        var (p, low, high) = Proportion.WilsonInterval(81, 263);
        Assert.Equal(81.0 / 263.0, p, 1e-15);
        Assert.Equal(0.2553, low, 1e-4);
        Assert.Equal(0.3662, high, 1e-4);
        Assert.Equal(0.255289, low, 1e-6);
        Assert.Equal(0.366210, high, 1e-6);
    }

    [Fact]
    public void Zero_successes()
    {
        // Newcombe (1998) Table I example 0/20, Wilson method: 0 to 0.1611.
        // Hand: upper = (z²/(2n) + z √(z²/(4n²))) / (1 + z²/n) = (z²/n) / (1 + z²/n) = 0.192073 / 1.192073 = 0.161125.
        var interval = Proportion.WilsonInterval(0, 20);
        Assert.Equal(0.0, interval.P);
        Assert.Equal(0.0, interval.Low);
        Assert.Equal(0.1611, interval.High, 1e-4);
    }

    [Fact]
    public void All_successes_mirror_zero_successes()
    {
        // Wilson interval is symmetric under p ↔ 1 − p: 20/20 → (1 − 0.161125, 1).
        var interval = Proportion.WilsonInterval(20, 20);
        Assert.Equal(1 - 0.161125, interval.Low, 1e-6);
        Assert.Equal(1.0, interval.High);
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.WilsonInterval(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.WilsonInterval(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.WilsonInterval(-1, 4));
    }
}
