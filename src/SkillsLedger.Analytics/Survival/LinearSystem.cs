namespace SkillsLedger.Analytics;

/// <summary>Dense linear algebra for the small symmetric systems of the survival methods.</summary>
internal static class LinearSystem
{
    /// <summary>
    /// Inverts a square matrix by Gauss–Jordan elimination with partial pivoting (e.g. Golub &amp; Van Loan,
    /// "Matrix Computations", §3.4). Returns null when a pivot is not larger than 1e-12 times the largest
    /// absolute entry of the input (numerically singular) or not finite. The input is not modified.
    /// </summary>
    public static double[,]? Invert(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new ArgumentException("The matrix must be square.", nameof(matrix));

        var a = (double[,])matrix.Clone();
        var inv = new double[n, n];
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            inv[i, i] = 1.0;
            for (var j = 0; j < n; j++) scale = Math.Max(scale, Math.Abs(a[i, j]));
        }

        if (!(scale > 0) || !double.IsFinite(scale)) return null;
        var tolerance = 1e-12 * scale;

        for (var col = 0; col < n; col++)
        {
            var pivotRow = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivotRow, col])) pivotRow = r;
            }

            var pivot = a[pivotRow, col];
            if (!(Math.Abs(pivot) > tolerance) || !double.IsFinite(pivot)) return null;
            if (pivotRow != col)
            {
                SwapRows(a, pivotRow, col);
                SwapRows(inv, pivotRow, col);
            }

            for (var j = 0; j < n; j++)
            {
                a[col, j] /= pivot;
                inv[col, j] /= pivot;
            }

            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = a[r, col];
                if (factor == 0) continue;
                for (var j = 0; j < n; j++)
                {
                    a[r, j] -= factor * a[col, j];
                    inv[r, j] -= factor * inv[col, j];
                }
            }
        }

        return inv;
    }

    /// <summary>Computes the quadratic form uᵀ M u.</summary>
    public static double QuadraticForm(double[,] m, double[] u)
    {
        var sum = 0.0;
        for (var i = 0; i < u.Length; i++)
        {
            for (var j = 0; j < u.Length; j++) sum += u[i] * m[i, j] * u[j];
        }

        return sum;
    }

    /// <summary>Computes the product M u.</summary>
    public static double[] Multiply(double[,] m, double[] u)
    {
        var result = new double[u.Length];
        for (var i = 0; i < u.Length; i++)
        {
            for (var j = 0; j < u.Length; j++) result[i] += m[i, j] * u[j];
        }

        return result;
    }

    private static void SwapRows(double[,] a, int r1, int r2)
    {
        for (var j = 0; j < a.GetLength(1); j++) (a[r1, j], a[r2, j]) = (a[r2, j], a[r1, j]);
    }
}
