using Otel.Tracking.Diagnostics;

namespace Otel.Tracking.Export;

/// <summary>
/// Tells the person running the program, once, that exports are not reaching a collector: one line on stderr
/// starting <c>otel-track:</c> that names the endpoint and protocol, says what to do, and where the data waits.
/// Every failure also goes to the SDK's EventSource.
/// </summary>
internal sealed class ExportProblemReport(TextWriter error, string? bufferDirectory)
{
    private int _reported;

    public void Failed(ExportTarget target, ExportOutcome outcome, bool kept)
    {
        TrackingEventSource.Log.ExportFailed(target.Endpoint, target.ProtocolName, outcome.Reason, kept);
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            Write(Line(target, outcome, Fate(kept)));
        }
    }

    private string Fate(bool kept) => (kept, bufferDirectory) switch
    {
        (true, _) => $"The data is kept in {bufferDirectory} and sent as soon as a collector accepts it at the configured endpoint, by this process or a later one.",
        (false, null) => "This data is lost: the offline buffer is off (MlTrackingOptions.BufferOffline, OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY).",
        (false, _) => $"This data is lost: the offline buffer {bufferDirectory} is full ({OfflineStore.MaxBytesPerSignal / (1024 * 1024)} MB per signal) or cannot be written.",
    };

    internal static string Line(ExportTarget target, ExportOutcome outcome, string fate)
    {
        var (endpoint, protocol) = (target.Endpoint, target.ProtocolName);
        var reason = outcome.Reason.ReplaceLineEndings(" ");
        return outcome.Kind switch
        {
            ExportOutcomeKind.WrongTarget =>
                $"otel-track: {endpoint} does not take OTLP {protocol} exports ({reason}). {WrongTargetAdvice(target)} {fate}",
            ExportOutcomeKind.DataRefused =>
                $"otel-track: the collector at {endpoint} (OTLP {protocol}) refused exported data ({reason}); that export is dropped, see the collector's limits (docs/limits.md).",
            _ =>
                $"otel-track: no collector answers at {endpoint} (OTLP {protocol}: {reason}). Start one (otel-track serve) or set OTEL_EXPORTER_OTLP_ENDPOINT to where it listens. {fate}",
        };
    }

    private static string WrongTargetAdvice(ExportTarget target) => target.Protocol == OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
        ? "If it is an OTLP/gRPC port (4317 by default), set OTEL_EXPORTER_OTLP_PROTOCOL=grpc; otherwise set OTEL_EXPORTER_OTLP_ENDPOINT to the collector's HTTP port (4318 by default), and an API key, if it needs one, in OTEL_EXPORTER_OTLP_HEADERS."
        : "If it is an OTLP/HTTP port (4318 by default), set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf; otherwise set OTEL_EXPORTER_OTLP_ENDPOINT to the collector's gRPC port (4317 by default), and an API key, if it needs one, in OTEL_EXPORTER_OTLP_HEADERS.";

    private void Write(string line)
    {
        try
        {
            error.WriteLine(line);
            error.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A closed stderr must not break exporting.
        }
    }
}
