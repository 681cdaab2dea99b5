using OpenTelemetry.Proto.Collector.Logs.V1;
using Otel.Collector.Export;
using Otel.Collector.Redaction;

namespace Otel.Collector.Mapping;

/// <summary>Maps an OTLP logs export to <c>otel_logs</c>.</summary>
internal static class LogRowMapper
{
    public static MapResult Map(ExportLogsServiceRequest request, RowBatch batch, SecretRedactor redactor)
    {
        var result = new MapResult();
        var rows = batch.For(StorageTable.OtelLogs);
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = AttributeText.ToSortedMap(resourceLogs.Resource?.Attributes ?? [], redactor);
            var serviceName = resource.FirstOrDefault(kv => kv.Key == "service.name").Value ?? string.Empty;
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scopeAttributes = AttributeText.ToSortedMap(scopeLogs.Scope?.Attributes ?? [], redactor);
                foreach (var log in scopeLogs.LogRecords)
                {
                    if (!log.TraceId.IsEmpty && log.TraceId.Length != 16 || !log.SpanId.IsEmpty && log.SpanId.Length != 8)
                    {
                        result.Reject("log record: trace_id must be empty or 16 bytes and span_id empty or 8 bytes");
                        continue;
                    }

                    var json = rows.BeginRow();
                    json.WriteTime("Timestamp", log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano);
                    json.WriteString("TraceId", OtlpText.Hex(log.TraceId));
                    json.WriteString("SpanId", OtlpText.Hex(log.SpanId));
                    json.WriteNumber("TraceFlags", (byte)(log.Flags & 0xFF));
                    json.WriteString("SeverityText", log.SeverityText);
                    json.WriteNumber("SeverityNumber", (byte)Math.Clamp((int)log.SeverityNumber, 0, 255));
                    json.WriteString("ServiceName", serviceName);
                    json.WriteString("Body", redactor.RedactText(AttributeText.ToText(log.Body)));
                    json.WriteString("ResourceSchemaUrl", resourceLogs.SchemaUrl);
                    json.WriteMap("ResourceAttributes", resource);
                    json.WriteString("ScopeSchemaUrl", scopeLogs.SchemaUrl);
                    json.WriteString("ScopeName", scopeLogs.Scope?.Name ?? string.Empty);
                    json.WriteString("ScopeVersion", scopeLogs.Scope?.Version ?? string.Empty);
                    json.WriteMap("ScopeAttributes", scopeAttributes);
                    json.WriteMap("LogAttributes", AttributeText.ToSortedMap(log.Attributes, redactor));
                    json.WriteString("EventName", log.EventName);
                    rows.EndRow();
                    result.Accept();
                }
            }
        }

        return result;
    }
}
