using System.Text.Json;

namespace Otel.Cli.Demo.Serving;

/// <summary>The demo's model artifact (<c>model.json</c>, written by <see cref="LogisticRegression.Save"/>), loaded to score requests.</summary>
internal sealed class DemoModel
{
    private readonly double _bias;
    private readonly double[] _weights;

    private DemoModel(double bias, double[] weights)
    {
        _bias = bias;
        _weights = weights;
    }

    public int Dimensions => _weights.Length;

    /// <exception cref="CliException">The file is not a logistic regression written by the demo.</exception>
    public static DemoModel Load(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var json = JsonDocument.Parse(file);
            var root = json.RootElement;
            if (root.GetProperty("kind").GetString() != "logistic_regression")
            {
                throw new CliException($"{path} is not the demo's logistic regression model (kind {root.GetProperty("kind")})");
            }

            return new DemoModel(root.GetProperty("bias").GetDouble(), root.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliException($"{path} is not the demo's model.json: {ex.Message}", ExitCodes.Failure, ex);
        }
    }

    /// <summary>The probability of class 1.</summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        var z = _bias;
        for (var j = 0; j < _weights.Length; j++)
        {
            z += _weights[j] * features[j];
        }

        return 1 / (1 + Math.Exp(-z));
    }
}
