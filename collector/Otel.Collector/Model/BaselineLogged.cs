namespace Otel.Collector.Model;

/// <summary>
/// One feature's or output's training distribution a run logged (event <c>ml.baseline</c>): numeric bins under OTLP
/// explicit-bucket semantics (<see cref="Bounds"/> + 1 counts) or top categories then other (<see cref="Categories"/> + 1).
/// </summary>
internal sealed class BaselineLogged
{
    public required string RunId { get; init; }
    public required string Experiment { get; init; }
    public required string Name { get; init; }

    /// <summary><c>feature</c> or <c>prediction</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>numeric</c> or <c>categorical</c>.</summary>
    public required string Type { get; init; }

    public required IReadOnlyList<double> Bounds { get; init; }
    /// <summary>Set again by redaction, with <see cref="Counts"/>.</summary>
    public required IReadOnlyList<string> Categories { get; set; }

    public required IReadOnlyList<long> Counts { get; set; }
    public required string DatasetDigest { get; init; }
    public required ulong LoggedAtUnixNano { get; init; }
}
