using OpenTelemetry.Proto.Collector.Logs.V1;
using Otel.Collector.Model;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>Decodes an OTLP logs export into raw log records; a record with malformed ids is rejected, with a reason.</summary>
internal static class LogDecoder
{
    public static IngestBatch Decode(ExportLogsServiceRequest request, ulong receivedAtUnixNano)
    {
        var batch = new IngestBatch(receivedAtUnixNano);
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = new OtelResource(AttributeText.ToSortedMap(resourceLogs.Resource?.Attributes ?? []), resourceLogs.SchemaUrl);
            batch.Resources.Add(resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = new OtelScope(scopeLogs.Scope?.Name ?? string.Empty, scopeLogs.Scope?.Version ?? string.Empty,
                    AttributeText.ToSortedMap(scopeLogs.Scope?.Attributes ?? []), scopeLogs.Scope?.DroppedAttributesCount ?? 0, scopeLogs.SchemaUrl);
                batch.Scopes.Add(scope);
                foreach (var log in scopeLogs.LogRecords)
                {
                    if (!log.TraceId.IsEmpty && log.TraceId.Length != 16 || !log.SpanId.IsEmpty && log.SpanId.Length != 8)
                    {
                        batch.Tally.Reject("log record: trace_id must be empty or 16 bytes and span_id empty or 8 bytes");
                        continue;
                    }

                    batch.Logs.Add(new LogRecordRow
                    {
                        Resource = resource,
                        Scope = scope,
                        TimeUnixNano = log.TimeUnixNano != 0 ? log.TimeUnixNano : log.ObservedTimeUnixNano,
                        TraceId = OtlpText.Hex(log.TraceId),
                        SpanId = OtlpText.Hex(log.SpanId),
                        TraceFlags = (byte)(log.Flags & 0xFF),
                        SeverityText = log.SeverityText,
                        SeverityNumber = (byte)Math.Clamp((int)log.SeverityNumber, 0, 255),
                        Body = AttributeText.ToText(log.Body),
                        Attributes = AttributeText.ToSortedMap(log.Attributes),
                        EventName = log.EventName,
                    });
                    batch.Tally.Accept();
                }
            }
        }

        return batch;
    }
}
