namespace Otel.Grafana.Tests.Alerts;

/// <summary>A threshold expression's evaluator as Grafana's server-side expressions apply it to each instance's number.</summary>
internal sealed record ThresholdEvaluator(string Type, IReadOnlyList<double> Parameters)
{
    public bool Fires(double value) => Type switch
    {
        "gt" => value > Parameters[0],
        "lt" => value < Parameters[0],
        "within_range" => value > Parameters[0] && value < Parameters[1],
        "outside_range" => value < Parameters[0] || value > Parameters[1],
        _ => throw new InvalidOperationException($"unknown threshold type '{Type}'"),
    };
}
