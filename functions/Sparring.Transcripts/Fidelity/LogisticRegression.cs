namespace Sparring.Transcripts.Fidelity;

/// <summary>
/// A small L2-regularized logistic regression trained by full-batch gradient descent on standardized features, and
/// its k-fold cross-validated accuracy on balanced classes: what tells real from simulated conversations.
/// </summary>
public static class LogisticRegression
{
    private const int Iterations = 400;
    private const double LearningRate = 0.5;
    private const double L2 = 0.01;

    /// <summary>
    /// Cross-validated accuracy of telling class 1 from class 0. The larger class is cut to the smaller one's size
    /// (keeping every n-th row, so deterministic) and rows are dealt to <paramref name="folds"/> folds in turn.
    /// </summary>
    public static double CrossValidatedAccuracy(IReadOnlyList<double[]> negatives, IReadOnlyList<double[]> positives, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(negatives);
        ArgumentNullException.ThrowIfNull(positives);
        var n = Math.Min(negatives.Count, positives.Count);
        if (n < 2)
        {
            return 0.5;
        }

        var rows = Thin(negatives, n).Select(x => (X: x, Y: 0.0)).Concat(Thin(positives, n).Select(x => (X: x, Y: 1.0)))
            .Select((row, i) => (row.X, row.Y, Fold: (i % n) % Math.Min(folds, n)))
            .ToList();
        var k = Math.Min(folds, n);
        int correct = 0, total = 0;
        for (var fold = 0; fold < k; fold++)
        {
            var train = rows.Where(r => r.Fold != fold).ToList();
            var test = rows.Where(r => r.Fold == fold).ToList();
            var (mean, scale) = Standardization(train.Select(r => r.X).ToList());
            var weights = Train([.. train.Select(r => Standardize(r.X, mean, scale))], [.. train.Select(r => r.Y)]);
            foreach (var row in test)
            {
                correct += (Predict(weights, Standardize(row.X, mean, scale)) >= 0.5) == (row.Y == 1) ? 1 : 0;
                total++;
            }
        }

        return total == 0 ? 0.5 : (double)correct / total;
    }

    private static IEnumerable<double[]> Thin(IReadOnlyList<double[]> rows, int n) =>
        Enumerable.Range(0, n).Select(i => rows[(int)((long)i * rows.Count / n)]);

    private static (double[] Mean, double[] Scale) Standardization(List<double[]> rows)
    {
        var d = rows[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            var sd = Math.Sqrt(rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
            scale[j] = sd > 1e-9 ? sd : 1;
        }

        return (mean, scale);
    }

    private static double[] Standardize(double[] x, double[] mean, double[] scale) =>
        [.. x.Select((v, j) => (v - mean[j]) / scale[j])];

    // weights[0] is the bias.
    private static double[] Train(double[][] x, double[] y)
    {
        var d = x[0].Length;
        var w = new double[d + 1];
        var gradient = new double[d + 1];
        for (var step = 0; step < Iterations; step++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < x.Length; i++)
            {
                var error = Predict(w, x[i]) - y[i];
                gradient[0] += error;
                for (var j = 0; j < d; j++)
                {
                    gradient[j + 1] += error * x[i][j];
                }
            }

            w[0] -= LearningRate * gradient[0] / x.Length;
            for (var j = 1; j <= d; j++)
            {
                w[j] -= LearningRate * ((gradient[j] / x.Length) + (L2 * w[j]));
            }
        }

        return w;
    }

    private static double Predict(double[] w, double[] x)
    {
        var z = w[0];
        for (var j = 0; j < x.Length; j++)
        {
            z += w[j + 1] * x[j];
        }

        return 1 / (1 + Math.Exp(-z));
    }
}
