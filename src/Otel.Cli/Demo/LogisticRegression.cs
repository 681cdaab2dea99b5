namespace Otel.Cli.Demo;

/// <summary>Binary logistic regression trained by mini-batch gradient descent with L2 regularisation.</summary>
internal sealed class LogisticRegression(int dimensions, double learningRate, double l2, int batchSize, int seed)
{
    private readonly double[] _weights = new double[dimensions];
    private readonly Random _shuffle = new(seed);
    private double _bias;

    /// <summary>One pass over the data; returns the mean training loss.</summary>
    public double TrainEpoch(SyntheticDataset data)
    {
        var order = Enumerable.Range(0, data.Count).ToArray();
        _shuffle.Shuffle(order);
        var gradient = new double[_weights.Length];
        var totalLoss = 0.0;
        for (var start = 0; start < order.Length; start += batchSize)
        {
            Array.Clear(gradient);
            var gradientBias = 0.0;
            var end = Math.Min(start + batchSize, order.Length);
            for (var k = start; k < end; k++)
            {
                var i = order[k];
                var p = Predict(data.Features[i]);
                totalLoss += Loss(p, data.Labels[i]);
                var error = p - data.Labels[i];
                for (var j = 0; j < gradient.Length; j++)
                {
                    gradient[j] += error * data.Features[i][j];
                }

                gradientBias += error;
            }

            var n = end - start;
            for (var j = 0; j < _weights.Length; j++)
            {
                _weights[j] -= learningRate * (gradient[j] / n + l2 * _weights[j]);
            }

            _bias -= learningRate * gradientBias / n;
        }

        return totalLoss / data.Count;
    }

    public (double Loss, double Accuracy) Evaluate(SyntheticDataset data)
    {
        double loss = 0, correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var p = Predict(data.Features[i]);
            loss += Loss(p, data.Labels[i]);
            correct += (p >= 0.5 ? 1 : 0) == data.Labels[i] ? 1 : 0;
        }

        return (loss / data.Count, correct / data.Count);
    }

    /// <summary>The probability of class 1 for each row: the model's outputs, whose distribution on validation data is its prediction baseline.</summary>
    public IEnumerable<double> Probabilities(SyntheticDataset data) => data.Features.Select(Predict);

    /// <summary>Writes the trained weights as JSON: the model artifact of a run.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        System.Text.Json.JsonSerializer.Serialize(file, new { kind = "logistic_regression", bias = _bias, weights = _weights });
    }

    private double Predict(double[] x)
    {
        var z = _bias;
        for (var j = 0; j < x.Length; j++)
        {
            z += _weights[j] * x[j];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    private static double Loss(double p, int label)
    {
        const double epsilon = 1e-12;
        return label == 1 ? -Math.Log(Math.Max(p, epsilon)) : -Math.Log(Math.Max(1 - p, epsilon));
    }
}
