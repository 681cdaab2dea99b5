using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Otel.Collector.Ingest;

namespace Otel.Collector.Telemetry;

/// <summary>
/// Stores the collector's own metrics in its own <c>otel_metrics_*</c> tables: each export of the periodic reader
/// becomes an OTLP metrics request handed to the in-process ingest, so it takes the path client data takes (mapping,
/// redaction, spool, shipper) without a network loop. The host gives it the undecorated <see cref="OtlpIngestService"/>,
/// so its own points are not counted as client items. It never throws into the SDK: a failure is logged and answered
/// <see cref="ExportResult.Failure"/>; the next export carries the cumulative values again.
/// </summary>
internal sealed partial class SelfMetricsExporter(IOtlpIngest ingest, ILogger<SelfMetricsExporter> logger) : BaseExporter<Metric>
{
    /// <summary>Longest an export waits for its request to be stored; the reader's thread is blocked meanwhile.</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(30);

    private volatile bool _stopped;

    /// <summary>After the final flush at shutdown: later exports (the provider's own at dispose) find the pipeline gone and are skipped.</summary>
    public void Stop() => _stopped = true;

    public override ExportResult Export(in Batch<Metric> batch)
    {
        if (_stopped)
        {
            return ExportResult.Success;
        }

        try
        {
            var request = SdkMetricsToOtlp.Convert(batch, ParentProvider?.GetResource().Attributes ?? []);
            // The SDK's export contract is synchronous and runs on the reader's own thread (or the flushing caller's).
            var result = ingest.IngestMetricsAsync(request, CancellationToken.None).AsTask().WaitAsync(StoreTimeout).GetAwaiter().GetResult();
            if (result.Outcome != IngestOutcome.Accepted || result.Rejected > 0)
            {
                LogRefused(logger, result.Outcome, result.Rejected, result.Message ?? string.Empty);
                return ExportResult.Failure;
            }

            return ExportResult.Success;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            return ExportResult.Failure;
        }
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Storing the collector's own metrics was refused ({Outcome}, {Rejected} point(s) rejected): {Reason}")]
    private static partial void LogRefused(ILogger logger, IngestOutcome outcome, long rejected, string reason);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Storing the collector's own metrics failed; the next export carries them again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
