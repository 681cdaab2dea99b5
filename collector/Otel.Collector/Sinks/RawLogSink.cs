using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>Log records into <c>otel_logs</c>.</summary>
internal sealed class RawLogSink : IIngestSink
{
    public void Write(IngestBatch batch, RowBatch rows)
    {
        if (batch.Logs.Count == 0)
        {
            return;
        }

        var table = rows.For(StorageTable.OtelLogs);
        foreach (var log in batch.Logs)
        {
            var json = table.BeginRow();
            json.WriteTime("Timestamp", log.TimeUnixNano);
            json.WriteString("TraceId", log.TraceId);
            json.WriteString("SpanId", log.SpanId);
            json.WriteNumber("TraceFlags", log.TraceFlags);
            json.WriteString("SeverityText", log.SeverityText);
            json.WriteNumber("SeverityNumber", log.SeverityNumber);
            json.WriteString("ServiceName", log.Resource.ServiceName);
            json.WriteString("Body", log.Body);
            json.WriteString("ResourceSchemaUrl", log.Resource.SchemaUrl);
            json.WriteMap("ResourceAttributes", log.Resource.Attributes);
            json.WriteString("ScopeSchemaUrl", log.Scope.SchemaUrl);
            json.WriteString("ScopeName", log.Scope.Name);
            json.WriteString("ScopeVersion", log.Scope.Version);
            json.WriteMap("ScopeAttributes", log.Scope.Attributes);
            json.WriteMap("LogAttributes", log.Attributes);
            json.WriteString("EventName", log.EventName);
            table.EndRow();
        }
    }
}
