using System.CommandLine;
using Otel.Collector.Hosting;
using Otel.Collector.Limits;
using Otel.Collector.Receivers;

namespace Otel.Cli.Commands;

/// <summary>
/// The serve flags of the OTLP receivers: body size, admission, minimum body data rate and every edge
/// limit (docs/limits.md). Each flag is its option's name in kebab case; the values are validated with
/// the rest of the configuration, all at once, before anything is served.
/// </summary>
internal sealed class EdgeFlags
{
    private static readonly Setting[] Settings =
    [
        new(nameof(OtlpReceiverOptions.MaxRequestBodyBytes), "Largest export request body, as sent and after gzip, in bytes", o => o.MaxRequestBodyBytes, (o, v) => o.MaxRequestBodyBytes = v),
        new(nameof(OtlpReceiverOptions.MaxJsonDepth), "Deepest nesting of an OTLP/JSON body", o => o.MaxJsonDepth, (o, v) => o.MaxJsonDepth = v),
        new(nameof(OtlpReceiverOptions.MaxConcurrentRequests), "Export requests decoded and ingested at once (gRPC and HTTP)", o => o.MaxConcurrentRequests, (o, v) => o.MaxConcurrentRequests = v),
        new(nameof(OtlpReceiverOptions.MaxQueuedRequests), "Export requests waiting for a turn before more are answered 429", o => o.MaxQueuedRequests, (o, v) => o.MaxQueuedRequests = v),
        new(nameof(OtlpReceiverOptions.MaxBufferedBodyBytes), "Bytes all OTLP/HTTP request bodies may hold together before more are answered 429", o => o.MaxBufferedBodyBytes, (o, v) => o.MaxBufferedBodyBytes = v),
        new(nameof(OtlpReceiverOptions.MinRequestBodyBytesPerSecond), "Slowest a request body may arrive (after a 5 s grace period)", o => o.MinRequestBodyBytesPerSecond, (o, v) => o.MinRequestBodyBytesPerSecond = v),
        Limit(nameof(EdgeLimits.MaxSpansPerRequest), "Most spans in one request", l => l.MaxSpansPerRequest, (l, v) => l.MaxSpansPerRequest = v),
        Limit(nameof(EdgeLimits.MaxDataPointsPerRequest), "Most metric data points in one request", l => l.MaxDataPointsPerRequest, (l, v) => l.MaxDataPointsPerRequest = v),
        Limit(nameof(EdgeLimits.MaxLogRecordsPerRequest), "Most log records in one request", l => l.MaxLogRecordsPerRequest, (l, v) => l.MaxLogRecordsPerRequest = v),
        Limit(nameof(EdgeLimits.MaxAttributesPerRequest), "Most attributes, at every level, in one request", l => l.MaxAttributesPerRequest, (l, v) => l.MaxAttributesPerRequest = v),
        Limit(nameof(EdgeLimits.MaxDecodedItemsPerRequest), "Most items (messages, values) one request decodes into", l => l.MaxDecodedItemsPerRequest, (l, v) => l.MaxDecodedItemsPerRequest = v),
        Limit(nameof(EdgeLimits.MaxAttributeCount), "Most attributes in one attribute list", l => l.MaxAttributeCount, (l, v) => l.MaxAttributeCount = v),
        Limit(nameof(EdgeLimits.MaxAttributeKeyBytes), "Longest attribute key, in UTF-8 bytes", l => l.MaxAttributeKeyBytes, (l, v) => l.MaxAttributeKeyBytes = v),
        Limit(nameof(EdgeLimits.MaxAttributeValueBytes), "Longest string or bytes value, in bytes", l => l.MaxAttributeValueBytes, (l, v) => l.MaxAttributeValueBytes = v),
        Limit(nameof(EdgeLimits.MaxArrayLength), "Most elements in one array value, or buckets in one histogram point", l => l.MaxArrayLength, (l, v) => l.MaxArrayLength = v),
        Limit(nameof(EdgeLimits.MaxValueDepth), "Deepest nesting of array and key-value list values", l => l.MaxValueDepth, (l, v) => l.MaxValueDepth = v),
        Limit(nameof(EdgeLimits.MaxEventsPerSpan), "Most events on one span", l => l.MaxEventsPerSpan, (l, v) => l.MaxEventsPerSpan = v),
        Limit(nameof(EdgeLimits.MaxLinksPerSpan), "Most links on one span", l => l.MaxLinksPerSpan, (l, v) => l.MaxLinksPerSpan = v),
        Limit(nameof(EdgeLimits.MaxParamsPerRun), "Most ml.param.* attributes on one span", l => l.MaxParamsPerRun, (l, v) => l.MaxParamsPerRun = v),
    ];

    private readonly List<(Option<int> Option, Setting Setting)> _options = [.. Settings.Select(s => (Create(s), s))];

    /// <summary>Every flag, named after its property (<see cref="CollectorOptionsFlags.Of"/>), with its default.</summary>
    public static IEnumerable<(string Flag, int Default)> Defaults => Settings.Select(s => (CollectorOptionsFlags.Of(s.Property), s.Get(new OtlpReceiverOptions())));

    public IEnumerable<Option> All => _options.Select(o => o.Option);

    /// <summary>Applies the flags; <see cref="CollectorOptionsValidator"/> then checks every value.</summary>
    public void Apply(ParseResult parse, OtlpReceiverOptions options)
    {
        foreach (var (option, setting) in _options)
        {
            setting.Set(options, parse.GetValue(option));
        }
    }

    private static Option<int> Create(Setting setting)
    {
        var initial = setting.Get(new OtlpReceiverOptions());
        return new Option<int>(CollectorOptionsFlags.Of(setting.Property)) { Description = setting.Description, DefaultValueFactory = _ => initial };
    }

    private static Setting Limit(string property, string description, Func<EdgeLimits, int> get, Action<EdgeLimits, int> set) =>
        new(property, description, o => get(o.Limits), (o, v) => set(o.Limits, v));

    private sealed record Setting(string Property, string Description, Func<OtlpReceiverOptions, int> Get, Action<OtlpReceiverOptions, int> Set);
}
