namespace Otel.Collector.Production.Slo;

/// <summary>
/// The bucket bounds OpenTelemetry advises for <c>http.server.request.duration</c> (seconds), which its HTTP server
/// instrumentations use unless configured otherwise. The span fallback (migration 0017) buckets at the same bounds.
/// </summary>
internal static class HttpServerDurationBounds
{
    public static IReadOnlyList<double> Default { get; } = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>Whether <paramref name="threshold"/> is one of <paramref name="bounds"/>, up to rounding of decimal text.</summary>
    public static bool IsBound(double threshold, IEnumerable<double> bounds) =>
        bounds.Any(bound => Math.Abs(bound - threshold) <= Tolerance * Math.Max(1, Math.Abs(threshold)));

    /// <summary>Relative tolerance of a bound comparison, the same in C# and in the SQL of <see cref="SloSql"/>.</summary>
    public const double Tolerance = 1e-9;
}
