namespace Otel.Tracking.Diagnostics;

/// <summary>
/// Names of the .NET SDK's own telemetry (docs/semantic-conventions.md, "Telemetry of the .NET SDK itself"): this
/// SDK's choice, not wire contract for other SDKs, so they live here rather than in <see cref="MlSemanticConventions"/>.
/// </summary>
internal static class SdkTelemetryNames
{
    /// <summary>Name of the ActivitySource and Meter of the SDK.</summary>
    public const string InstrumentationName = "Otel.Tracking";

    // The SDK's own instruments (OpenTelemetry metric names; units in UCUM).
    public const string SdkPointsLogged = "ml.sdk.points.logged";
    public const string SdkPointsDropped = "ml.sdk.points.dropped";
    public const string PointUnit = "{point}";

    /// <summary>Why a point was dropped, on <see cref="SdkPointsDropped"/> (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorType = "error.type";

    /// <summary>Values of <see cref="ErrorType"/> on <see cref="SdkPointsDropped"/>.</summary>
    public static class DropReason
    {
        public const string BufferFull = "buffer_full";
        public const string InvalidKey = "invalid_key";
        public const string RunEnded = "run_ended";
    }
}
