namespace SkillsLedger.Analytics.Tests;

public class LeastSquaresTests
{
    [Fact]
    public void Slope_hand_computed_example()
    {
        // Points (1,2), (2,3), (3,5), (4,4), (5,6); n = 5.
        //   Σx = 15, Σy = 20, Σxy = 2 + 6 + 15 + 16 + 30 = 69, Σx² = 55
        //   Sxy = Σxy − ΣxΣy/n = 69 − 60 = 9;  Sxx = Σx² − (Σx)²/n = 55 − 45 = 10
        //   slope = 9/10 = 0.9;  intercept = ȳ − slope·x̄ = 4 − 0.9·3 = 1.3
        var fit = LeastSquares.Slope([(1, 2), (2, 3), (3, 5), (4, 4), (5, 6)]);
        Assert.Equal(0.9, fit.Slope, 1e-12);
        Assert.Equal(1.3, fit.Intercept, 1e-12);
        Assert.Equal(5, fit.N);
    }

    [Fact]
    public void Two_points_give_the_line_through_them()
    {
        // (0, 1) and (2, 5): slope (5 − 1)/(2 − 0) = 2, intercept 1.
        var fit = LeastSquares.Slope([(0, 1), (2, 5)]);
        Assert.Equal(2.0, fit.Slope, 1e-12);
        Assert.Equal(1.0, fit.Intercept, 1e-12);
    }

    [Fact]
    public void Rejects_degenerate_input()
    {
        Assert.Throws<ArgumentException>(() => LeastSquares.Slope([(3, 1), (3, 2), (3, 7)]));
        Assert.Throws<ArgumentException>(() => LeastSquares.Slope([(1, 1)]));
        Assert.Throws<ArgumentException>(() => LeastSquares.Slope([]));
    }
}
