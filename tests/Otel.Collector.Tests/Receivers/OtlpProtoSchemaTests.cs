using Google.Protobuf.Reflection;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Otel.Collector.Tests.Receivers;

/// <summary>
/// Pins every message, field number and wire type of the hand-written OTLP protos to the OTLP
/// specification (checked field by field against open-telemetry/opentelemetry-proto and the
/// field-number constants of the OpenTelemetry .NET exporter). A renumbered field breaks interop
/// silently; this makes it loud.
/// </summary>
public sealed class OtlpProtoSchemaTests
{
    private const string Expected = """
        opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess: rejected_log_records=1:int64 error_message=2:string
        opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest: resource_logs=1:repeated ResourceLogs
        opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse: partial_success=1:ExportLogsPartialSuccess
        opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess: rejected_data_points=1:int64 error_message=2:string
        opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest: resource_metrics=1:repeated ResourceMetrics
        opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse: partial_success=1:ExportMetricsPartialSuccess
        opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess: rejected_spans=1:int64 error_message=2:string
        opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest: resource_spans=1:repeated ResourceSpans
        opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse: partial_success=1:ExportTracePartialSuccess
        opentelemetry.proto.common.v1.AnyValue: string_value=1:value|string bool_value=2:value|bool int_value=3:value|int64 double_value=4:value|double array_value=5:value|ArrayValue kvlist_value=6:value|KeyValueList bytes_value=7:value|bytes
        opentelemetry.proto.common.v1.ArrayValue: values=1:repeated AnyValue
        opentelemetry.proto.common.v1.EntityRef: schema_url=1:string type=2:string id_keys=3:repeated string description_keys=4:repeated string
        opentelemetry.proto.common.v1.InstrumentationScope: name=1:string version=2:string attributes=3:repeated KeyValue dropped_attributes_count=4:uint32
        opentelemetry.proto.common.v1.KeyValue: key=1:string value=2:AnyValue
        opentelemetry.proto.common.v1.KeyValueList: values=1:repeated KeyValue
        opentelemetry.proto.logs.v1.LogRecord: time_unix_nano=1:fixed64 severity_number=2:SeverityNumber severity_text=3:string body=5:AnyValue attributes=6:repeated KeyValue dropped_attributes_count=7:uint32 flags=8:fixed32 trace_id=9:bytes span_id=10:bytes observed_time_unix_nano=11:fixed64 event_name=12:string
        opentelemetry.proto.logs.v1.LogsData: resource_logs=1:repeated ResourceLogs
        opentelemetry.proto.logs.v1.ResourceLogs: resource=1:Resource scope_logs=2:repeated ScopeLogs schema_url=3:string
        opentelemetry.proto.logs.v1.ScopeLogs: scope=1:InstrumentationScope log_records=2:repeated LogRecord schema_url=3:string
        opentelemetry.proto.metrics.v1.Exemplar: time_unix_nano=2:fixed64 as_double=3:value|double span_id=4:bytes trace_id=5:bytes as_int=6:value|sfixed64 filtered_attributes=7:repeated KeyValue
        opentelemetry.proto.metrics.v1.ExponentialHistogram: data_points=1:repeated ExponentialHistogramDataPoint aggregation_temporality=2:AggregationTemporality
        opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint: attributes=1:repeated KeyValue start_time_unix_nano=2:fixed64 time_unix_nano=3:fixed64 count=4:fixed64 sum=5:optional double scale=6:sint32 zero_count=7:fixed64 positive=8:Buckets negative=9:Buckets flags=10:uint32 exemplars=11:repeated Exemplar min=12:optional double max=13:optional double zero_threshold=14:double
        opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint.Buckets: offset=1:sint32 bucket_counts=2:repeated uint64
        opentelemetry.proto.metrics.v1.Gauge: data_points=1:repeated NumberDataPoint
        opentelemetry.proto.metrics.v1.Histogram: data_points=1:repeated HistogramDataPoint aggregation_temporality=2:AggregationTemporality
        opentelemetry.proto.metrics.v1.HistogramDataPoint: start_time_unix_nano=2:fixed64 time_unix_nano=3:fixed64 count=4:fixed64 sum=5:optional double bucket_counts=6:repeated fixed64 explicit_bounds=7:repeated double exemplars=8:repeated Exemplar attributes=9:repeated KeyValue flags=10:uint32 min=11:optional double max=12:optional double
        opentelemetry.proto.metrics.v1.Metric: name=1:string description=2:string unit=3:string gauge=5:data|Gauge sum=7:data|Sum histogram=9:data|Histogram exponential_histogram=10:data|ExponentialHistogram summary=11:data|Summary metadata=12:repeated KeyValue
        opentelemetry.proto.metrics.v1.MetricsData: resource_metrics=1:repeated ResourceMetrics
        opentelemetry.proto.metrics.v1.NumberDataPoint: start_time_unix_nano=2:fixed64 time_unix_nano=3:fixed64 as_double=4:value|double exemplars=5:repeated Exemplar as_int=6:value|sfixed64 attributes=7:repeated KeyValue flags=8:uint32
        opentelemetry.proto.metrics.v1.ResourceMetrics: resource=1:Resource scope_metrics=2:repeated ScopeMetrics schema_url=3:string
        opentelemetry.proto.metrics.v1.ScopeMetrics: scope=1:InstrumentationScope metrics=2:repeated Metric schema_url=3:string
        opentelemetry.proto.metrics.v1.Sum: data_points=1:repeated NumberDataPoint aggregation_temporality=2:AggregationTemporality is_monotonic=3:bool
        opentelemetry.proto.metrics.v1.Summary: data_points=1:repeated SummaryDataPoint
        opentelemetry.proto.metrics.v1.SummaryDataPoint: start_time_unix_nano=2:fixed64 time_unix_nano=3:fixed64 count=4:fixed64 sum=5:double quantile_values=6:repeated ValueAtQuantile attributes=7:repeated KeyValue flags=8:uint32
        opentelemetry.proto.metrics.v1.SummaryDataPoint.ValueAtQuantile: quantile=1:double value=2:double
        opentelemetry.proto.resource.v1.Resource: attributes=1:repeated KeyValue dropped_attributes_count=2:uint32 entity_refs=3:repeated EntityRef
        opentelemetry.proto.trace.v1.ResourceSpans: resource=1:Resource scope_spans=2:repeated ScopeSpans schema_url=3:string
        opentelemetry.proto.trace.v1.ScopeSpans: scope=1:InstrumentationScope spans=2:repeated Span schema_url=3:string
        opentelemetry.proto.trace.v1.Span: trace_id=1:bytes span_id=2:bytes trace_state=3:string parent_span_id=4:bytes name=5:string kind=6:SpanKind start_time_unix_nano=7:fixed64 end_time_unix_nano=8:fixed64 attributes=9:repeated KeyValue dropped_attributes_count=10:uint32 events=11:repeated Event dropped_events_count=12:uint32 links=13:repeated Link dropped_links_count=14:uint32 status=15:Status flags=16:fixed32
        opentelemetry.proto.trace.v1.Span.Event: time_unix_nano=1:fixed64 name=2:string attributes=3:repeated KeyValue dropped_attributes_count=4:uint32
        opentelemetry.proto.trace.v1.Span.Link: trace_id=1:bytes span_id=2:bytes trace_state=3:string attributes=4:repeated KeyValue dropped_attributes_count=5:uint32 flags=6:fixed32
        opentelemetry.proto.trace.v1.Status: message=2:string code=3:StatusCode
        opentelemetry.proto.trace.v1.TracesData: resource_spans=1:repeated ResourceSpans
        opentelemetry.proto.logs.v1.LogRecordFlags: LOG_RECORD_FLAGS_DO_NOT_USE=0 LOG_RECORD_FLAGS_TRACE_FLAGS_MASK=255
        opentelemetry.proto.logs.v1.SeverityNumber: SEVERITY_NUMBER_UNSPECIFIED=0 SEVERITY_NUMBER_TRACE=1 SEVERITY_NUMBER_TRACE2=2 SEVERITY_NUMBER_TRACE3=3 SEVERITY_NUMBER_TRACE4=4 SEVERITY_NUMBER_DEBUG=5 SEVERITY_NUMBER_DEBUG2=6 SEVERITY_NUMBER_DEBUG3=7 SEVERITY_NUMBER_DEBUG4=8 SEVERITY_NUMBER_INFO=9 SEVERITY_NUMBER_INFO2=10 SEVERITY_NUMBER_INFO3=11 SEVERITY_NUMBER_INFO4=12 SEVERITY_NUMBER_WARN=13 SEVERITY_NUMBER_WARN2=14 SEVERITY_NUMBER_WARN3=15 SEVERITY_NUMBER_WARN4=16 SEVERITY_NUMBER_ERROR=17 SEVERITY_NUMBER_ERROR2=18 SEVERITY_NUMBER_ERROR3=19 SEVERITY_NUMBER_ERROR4=20 SEVERITY_NUMBER_FATAL=21 SEVERITY_NUMBER_FATAL2=22 SEVERITY_NUMBER_FATAL3=23 SEVERITY_NUMBER_FATAL4=24
        opentelemetry.proto.metrics.v1.AggregationTemporality: AGGREGATION_TEMPORALITY_UNSPECIFIED=0 AGGREGATION_TEMPORALITY_DELTA=1 AGGREGATION_TEMPORALITY_CUMULATIVE=2
        opentelemetry.proto.metrics.v1.DataPointFlags: DATA_POINT_FLAGS_DO_NOT_USE=0 DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK=1
        opentelemetry.proto.trace.v1.Span.SpanKind: SPAN_KIND_UNSPECIFIED=0 SPAN_KIND_INTERNAL=1 SPAN_KIND_SERVER=2 SPAN_KIND_CLIENT=3 SPAN_KIND_PRODUCER=4 SPAN_KIND_CONSUMER=5
        opentelemetry.proto.trace.v1.SpanFlags: SPAN_FLAGS_DO_NOT_USE=0 SPAN_FLAGS_TRACE_FLAGS_MASK=255 SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK=256 SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK=512
        opentelemetry.proto.trace.v1.Status.StatusCode: STATUS_CODE_UNSET=0 STATUS_CODE_OK=1 STATUS_CODE_ERROR=2
        """;

    [Fact]
    public void Protos_FieldNumbersAndTypes_MatchTheOtlpSpecification()
    {
        Assert.Equal(Expected.ReplaceLineEndings("\n"), Describe());
    }

    [Fact]
    public void Services_NamesAndMethods_MatchTheOtlpSpecification()
    {
        Assert.Equal("opentelemetry.proto.collector.trace.v1.TraceService/Export", Method(TraceServiceReflection.Descriptor));
        Assert.Equal("opentelemetry.proto.collector.metrics.v1.MetricsService/Export", Method(MetricsServiceReflection.Descriptor));
        Assert.Equal("opentelemetry.proto.collector.logs.v1.LogsService/Export", Method(LogsServiceReflection.Descriptor));
    }

    internal static string Describe()
    {
        var files = new[] { TraceServiceReflection.Descriptor, MetricsServiceReflection.Descriptor, LogsServiceReflection.Descriptor };
        var messages = files
            .SelectMany(f => f.Dependencies.SelectMany(d => d.Dependencies).Concat(f.Dependencies).Append(f))
            .Distinct()
            .SelectMany(f => f.MessageTypes.SelectMany(Flatten))
            .OrderBy(m => m.FullName, StringComparer.Ordinal)
            .Select(m => $"{m.FullName}: " + string.Join(' ', m.Fields.InFieldNumberOrder().Select(Field)));
        var enums = files
            .SelectMany(f => f.Dependencies.SelectMany(d => d.Dependencies).Concat(f.Dependencies).Append(f))
            .Distinct()
            .SelectMany(f => f.EnumTypes.Concat(f.MessageTypes.SelectMany(Flatten).SelectMany(m => m.EnumTypes)))
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .Select(e => $"{e.FullName}: " + string.Join(' ', e.Values.Select(v => $"{v.Name}={v.Number}")));
        return string.Join('\n', messages.Concat(enums));
    }

    private static IEnumerable<MessageDescriptor> Flatten(MessageDescriptor message) =>
        message.NestedTypes.SelectMany(Flatten).Prepend(message);

    private static string Field(FieldDescriptor field)
    {
        var type = field.FieldType switch
        {
            FieldType.Message => field.MessageType.Name,
            FieldType.Enum => field.EnumType.Name,
            _ => field.FieldType.ToString().ToLowerInvariant(),
        };
        var label = field.IsRepeated ? "repeated " : field.RealContainingOneof is { } oneof ? $"{oneof.Name}|" : field.HasPresence && field.FieldType != FieldType.Message ? "optional " : string.Empty;
        return $"{field.Name}={field.FieldNumber}:{label}{type}";
    }

    private static string Method(FileDescriptor file) => $"{file.Services[0].FullName}/{file.Services[0].Methods.Single().Name}";
}
