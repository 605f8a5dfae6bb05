namespace SkillsLedger.Analytics.Tests;

public class PearsonTests
{
    [Fact]
    public void Hand_computed_example()
    {
        // xs = 1, 2, 3, 4, 5; ys = 2, 3, 5, 4, 6 (n = 5).
        //   Σx = 15, Σy = 20, Σxy = 69, Σx² = 55, Σy² = 4 + 9 + 25 + 16 + 36 = 90
        //   Sxy = 69 − 60 = 9, Sxx = 55 − 45 = 10, Syy = 90 − 80 = 10
        //   r = 9 / √(10 × 10) = 0.9
        Assert.Equal(0.9, Pearson.Correlation([1, 2, 3, 4, 5], [2, 3, 5, 4, 6]), 1e-14);
    }

    [Fact]
    public void Point_biserial_example()
    {
        // Group indicator g = 0, 0, 1, 1 with scores y = 1, 2, 3, 5.
        //   ḡ = 0.5, ȳ = 2.75; Sgg = 4 × 0.25 = 1; Syy = 3.0625 + 0.5625 + 0.0625 + 5.0625 = 8.75
        //   Sgy = (−0.5)(−1.75) + (−0.5)(−0.75) + (0.5)(0.25) + (0.5)(2.25) = 0.875 + 0.375 + 0.125 + 1.125 = 2.5
        //   r = 2.5 / √8.75 = 0.845154
        Assert.Equal(2.5 / Math.Sqrt(8.75), Pearson.Correlation([0, 0, 1, 1], [1, 2, 3, 5]), 1e-14);
        Assert.Equal(0.845154, Pearson.Correlation([0, 0, 1, 1], [1, 2, 3, 5]), 1e-6);
    }

    [Fact]
    public void Perfect_negative_line()
    {
        Assert.Equal(-1.0, Pearson.Correlation([1, 2, 3], [6, 4, 2]), 1e-15);
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => Pearson.Correlation([1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => Pearson.Correlation([1], [1]));
        Assert.Throws<ArgumentException>(() => Pearson.Correlation([2, 2, 2], [1, 2, 3]));
    }
}
