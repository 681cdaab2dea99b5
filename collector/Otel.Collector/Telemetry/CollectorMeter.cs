using System.Diagnostics.Metrics;
using Otel.Collector.Pipeline;
using Otel.Collector.Redaction;
using Otel.Collector.Security;

namespace Otel.Collector.Telemetry;

/// <summary>
/// The collector's own metrics: the one owner of its <see cref="Meter"/> (<c>Otel.Collector</c>) and every instrument
/// on it, named as OpenTelemetry semantic conventions name things (dotted, <c>otel_track.</c> prefix, units apart,
/// durations as histograms in seconds). Served at <c>/metrics</c> and stored in the collector's own
/// <c>otel_metrics_*</c> tables (<see cref="CollectorTelemetry"/>); docs/self-monitoring.md describes each one.
/// Created through the host's <see cref="IMeterFactory"/>, so two collectors in one process count apart.
/// </summary>
internal sealed class CollectorMeter
{
    public const string MeterName = "Otel.Collector";

    /// <summary>OTLP export requests answered with success (partial success included); tags <c>signal</c>, <c>transport</c>.</summary>
    public const string RequestsAccepted = "otel_track.ingest.requests.accepted";

    /// <summary>OTLP export requests refused whole; tags <c>signal</c>, <c>transport</c>, <c>reason</c>.</summary>
    public const string RequestsRefused = "otel_track.ingest.requests.refused";

    /// <summary>Time to answer an OTLP export request; tags <c>signal</c>, <c>transport</c>, <c>outcome</c>.</summary>
    public const string RequestDuration = "otel_track.ingest.request.duration";

    /// <summary>Spans, data points and log records accepted for storage; tag <c>signal</c>.</summary>
    public const string ItemsAccepted = "otel_track.ingest.items.accepted";

    /// <summary>Spans, data points and log records refused by ingest; tags <c>signal</c>, <c>reason</c>.</summary>
    public const string ItemsRefused = "otel_track.ingest.items.refused";

    /// <summary>Bytes in the spool not yet stored in ClickHouse.</summary>
    public const string SpoolPendingSize = "otel_track.spool.pending.size";

    /// <summary>Spool records (one per accepted request) not yet stored in ClickHouse.</summary>
    public const string SpoolPendingRecords = "otel_track.spool.pending.records";

    /// <summary>How long the oldest record still in the spool has waited; 0 when the spool is empty.</summary>
    public const string SpoolOldestPendingAge = "otel_track.spool.oldest_pending.age";

    /// <summary>Time of one insert into ClickHouse; tags <c>table</c>, <c>outcome</c>.</summary>
    public const string InsertDuration = "otel_track.storage.insert.duration";

    /// <summary>Rows the shipper stored in ClickHouse.</summary>
    public const string RowsStored = "otel_track.storage.rows";

    /// <summary>Failed attempts to store a group of spool records, retried after a delay.</summary>
    public const string ShipperRetries = "otel_track.shipper.retries";

    /// <summary>Groups of spool records ClickHouse kept refusing for their data, set aside beside the spool.</summary>
    public const string ShipperDeadLettered = "otel_track.shipper.dead_lettered";

    /// <summary>Runs of a background job; tag <c>job</c>.</summary>
    public const string JobRuns = "otel_track.job.runs";

    /// <summary>Runs of a background job that failed; tag <c>job</c>.</summary>
    public const string JobFailures = "otel_track.job.failures";

    /// <summary>Time of one run of a background job; tags <c>job</c>, <c>outcome</c>.</summary>
    public const string JobDuration = "otel_track.job.duration";

    /// <summary>Time to answer a query API request; tags <c>http.route</c>, <c>http.response.status_code</c>.</summary>
    public const string QueryDuration = "otel_track.query.duration";

    /// <summary>Requests refused for a missing, unknown or insufficient API key; tags <c>reason</c>, <c>transport</c>.</summary>
    public const string RequestsDenied = "otel_track.requests.denied";

    /// <summary>Values replaced by secret redaction before storage; tag <c>rule</c>.</summary>
    public const string Redactions = "otel_track.redactions";

    /// <summary>Bucket bounds in seconds for every duration: the HTTP semantic conventions' advice, up to a minute for slow inserts.</summary>
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60],
    };

    private readonly Counter<long> _requestsAccepted;
    private readonly Counter<long> _requestsRefused;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _itemsAccepted;
    private readonly Counter<long> _itemsRefused;
    private readonly Histogram<double> _insertDuration;
    private readonly Counter<long> _rowsStored;
    private readonly Counter<long> _shipperRetries;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _jobFailures;
    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _queryDuration;
    private readonly Counter<long> _denied;

    public CollectorMeter(IMeterFactory factory, SecretRedactor redactor)
    {
        Meter = factory.Create(new MeterOptions(MeterName) { Version = typeof(CollectorMeter).Assembly.GetName().Version?.ToString() });
        _requestsAccepted = Meter.CreateCounter<long>(RequestsAccepted, "{request}", "OTLP export requests answered with success, partial success included");
        _requestsRefused = Meter.CreateCounter<long>(RequestsRefused, "{request}", "OTLP export requests refused whole, by reason");
        _requestDuration = Meter.CreateHistogram(RequestDuration, "s", "Time to answer an OTLP export request", advice: SecondsBuckets);
        _itemsAccepted = Meter.CreateCounter<long>(ItemsAccepted, "{item}", "Spans, metric data points and log records accepted for storage");
        _itemsRefused = Meter.CreateCounter<long>(ItemsRefused, "{item}", "Spans, metric data points and log records refused by ingest, by reason");
        _insertDuration = Meter.CreateHistogram(InsertDuration, "s", "Time of one insert into ClickHouse, by table", advice: SecondsBuckets);
        _rowsStored = Meter.CreateCounter<long>(RowsStored, "{row}", "Rows the shipper stored in ClickHouse");
        _shipperRetries = Meter.CreateCounter<long>(ShipperRetries, "{retry}", "Failed attempts to store spooled records, retried after a delay");
        _deadLettered = Meter.CreateCounter<long>(ShipperDeadLettered, "{batch}", "Groups of spooled records ClickHouse kept refusing for their data, set aside");
        _jobRuns = Meter.CreateCounter<long>(JobRuns, "{run}", "Runs of a background job");
        _jobFailures = Meter.CreateCounter<long>(JobFailures, "{run}", "Runs of a background job that failed");
        _jobDuration = Meter.CreateHistogram(JobDuration, "s", "Time of one run of a background job", advice: SecondsBuckets);
        _queryDuration = Meter.CreateHistogram(QueryDuration, "s", "Time to answer a query API request, by route", advice: SecondsBuckets);
        _denied = Meter.CreateCounter<long>(RequestsDenied, "{request}", "Requests refused because their API key was missing, unknown or lacked the scope");
        Meter.CreateObservableCounter(
            Redactions,
            () => redactor.RuleNames.Select(rule => new Measurement<long>(redactor.Counters[rule], new KeyValuePair<string, object?>("rule", rule))),
            "{value}",
            "Secrets replaced by redaction before anything was stored, by rule");
    }

    public Meter Meter { get; }

    /// <summary>Every instrument name this class defines (docs/self-monitoring.md must describe each).</summary>
    public static IReadOnlyList<string> InstrumentNames { get; } =
    [
        RequestsAccepted, RequestsRefused, RequestDuration, ItemsAccepted, ItemsRefused, SpoolPendingSize, SpoolPendingRecords,
        SpoolOldestPendingAge, InsertDuration, RowsStored, ShipperRetries, ShipperDeadLettered, JobRuns, JobFailures, JobDuration,
        QueryDuration, RequestsDenied, Redactions,
    ];

    /// <summary>Observes the spool of <paramref name="spool"/>; called once by the pipeline itself.</summary>
    public void ObserveSpool(ExportPipeline spool)
    {
        Meter.CreateObservableGauge(SpoolPendingSize, () => spool.SpooledBytes, "By", "Bytes in the spool not yet stored in ClickHouse");
        Meter.CreateObservableGauge(SpoolPendingRecords, () => spool.SpooledRecords, "{record}", "Spool records (one per accepted request) not yet stored in ClickHouse");
        Meter.CreateObservableGauge(SpoolOldestPendingAge, () => spool.OldestSpooledAge.TotalSeconds, "s", "How long the oldest record still in the spool has waited");
    }

    public void RequestAnswered(string signal, string transport, string? refusal, TimeSpan duration)
    {
        var signalTag = new KeyValuePair<string, object?>("signal", signal);
        var transportTag = new KeyValuePair<string, object?>("transport", transport);
        if (refusal is null)
        {
            _requestsAccepted.Add(1, signalTag, transportTag);
        }
        else
        {
            _requestsRefused.Add(1, signalTag, transportTag, new KeyValuePair<string, object?>("reason", refusal));
        }

        _requestDuration.Record(duration.TotalSeconds, signalTag, transportTag, new KeyValuePair<string, object?>("outcome", refusal is null ? "accepted" : "refused"));
    }

    public void ItemsIngested(string signal, long accepted, long refused, string? reason)
    {
        var signalTag = new KeyValuePair<string, object?>("signal", signal);
        if (accepted > 0)
        {
            _itemsAccepted.Add(accepted, signalTag);
        }

        if (refused > 0)
        {
            _itemsRefused.Add(refused, signalTag, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void Inserted(string table, bool stored, TimeSpan duration) =>
        _insertDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("table", table), new KeyValuePair<string, object?>("outcome", stored ? "stored" : "failed"));

    public void Stored(long rows) => _rowsStored.Add(rows);

    public void StoreRetried() => _shipperRetries.Add(1);

    public void DeadLettered() => _deadLettered.Add(1);

    public void JobRan(string job, bool failed, TimeSpan duration)
    {
        var jobTag = new KeyValuePair<string, object?>("job", job);
        _jobRuns.Add(1, jobTag);
        if (failed)
        {
            _jobFailures.Add(1, jobTag);
        }

        _jobDuration.Record(duration.TotalSeconds, jobTag, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "ok"));
    }

    public void QueryAnswered(string route, int statusCode, TimeSpan duration) =>
        _queryDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("http.route", route), new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void RequestDenied(DenialReason reason, string transport) =>
        _denied.Add(1, new KeyValuePair<string, object?>("reason", reason.Tag()), new KeyValuePair<string, object?>("transport", transport));
}
