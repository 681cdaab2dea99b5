using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Query;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>OTLP log records land in the contrib exporter's otel_logs table.</summary>
public sealed class LogRowTests
{
    private const string LogSql = """
        SELECT toUnixTimestamp64Nano(Timestamp) AS Ns, toUnixTimestamp(TimestampTime) AS Seconds, TraceId, SpanId, TraceFlags,
               SeverityText, SeverityNumber, ServiceName, Body, ResourceSchemaUrl, ResourceAttributes, ScopeName, ScopeVersion,
               ScopeAttributes, LogAttributes, EventName
        FROM otel_logs ORDER BY Timestamp
        """;

    [Fact]
    public async Task LogRecord_EveryField_StoredInContribExporterShape()
    {
        await using var harness = await IngestHarness.StartAsync("logs_shape");
        var record = new LogRecord
        {
            TimeUnixNano = T0 + (3 * Second) + 7,
            ObservedTimeUnixNano = T0 + (4 * Second),
            TraceId = Bytes("5B8EFFF798038103D269B633813FC60C"),
            SpanId = Bytes("EEE19B7EC3C1B174"),
            Flags = 1,
            SeverityText = "WARN",
            SeverityNumber = SeverityNumber.Warn,
            Body = Str("checkpoint slow"),
            EventName = "checkpoint.slow",
            Attributes = { Attr("epoch", 3), Attr("paths", ArrayOf(Str("a"), Str("b"))), Attr("ratio", 0.5), Attr("retry", true) },
        };
        var request = LogsRequest(record);
        request.ResourceLogs[0].SchemaUrl = "https://opentelemetry.io/schemas/1.44.0";

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(request));

        var row = await harness.SingleAsync(LogSql);
        Assert.Equal((long)(T0 + (3 * Second) + 7), row.Int64("Ns"));
        Assert.Equal((long)(T0 / Second) + 3, row.Int64("Seconds"));
        Assert.Equal("5b8efff798038103d269b633813fc60c", row.String("TraceId"));
        Assert.Equal("eee19b7ec3c1b174", row.String("SpanId"));
        Assert.Equal(1, row.Int64("TraceFlags"));
        Assert.Equal("WARN", row.String("SeverityText"));
        Assert.Equal((long)SeverityNumber.Warn, row.Int64("SeverityNumber"));
        Assert.Equal(ServiceName, row.String("ServiceName"));
        Assert.Equal("checkpoint slow", row.String("Body"));
        Assert.Equal("https://opentelemetry.io/schemas/1.44.0", row.String("ResourceSchemaUrl"));
        Assert.Equal(new Dictionary<string, string> { ["service.name"] = ServiceName }, row.Map("ResourceAttributes"));
        Assert.Equal((ScopeName, ScopeVersion), (row.String("ScopeName"), row.String("ScopeVersion")));
        Assert.Equal(new Dictionary<string, string> { ["scope.kind"] = "logger" }, row.Map("ScopeAttributes"));
        Assert.Equal(
            new Dictionary<string, string> { ["epoch"] = "3", ["paths"] = "[\"a\",\"b\"]", ["ratio"] = "0.5", ["retry"] = "true" },
            row.Map("LogAttributes"));
        Assert.Equal("checkpoint.slow", row.String("EventName"));
    }

    [Fact]
    public async Task LogRecord_WithoutTime_UsesObservedTime()
    {
        await using var harness = await IngestHarness.StartAsync("logs_observed");
        var record = new LogRecord { ObservedTimeUnixNano = T0 + 11, Body = Str("no time") };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(LogsRequest(record)));

        var row = await harness.SingleAsync(LogSql);
        Assert.Equal((long)T0 + 11, row.Int64("Ns"));
        Assert.Equal(string.Empty, row.String("TraceId"));
        Assert.Equal(string.Empty, row.String("SpanId"));
        Assert.Equal(0, row.Int64("SeverityNumber"));
    }

    [Fact]
    public async Task LogRecord_NonStringBodies_StoredAsText()
    {
        await using var harness = await IngestHarness.StartAsync("logs_bodies");
        var bodies = new AnyValue[]
        {
            Int(42),
            Dbl(0.125),
            Bool(false),
            ArrayOf(Int(1), Str("two")),
            new() { KvlistValue = new KeyValueList { Values = { Attr("step", 5), Attr("phase", "eval") } } },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(LogsRequest([.. bodies.Select((b, i) => new LogRecord { TimeUnixNano = T0 + (ulong)i, Body = b })])));

        var rows = await harness.QueryAsync(LogSql);
        Assert.Equal(["42", "0.125", "false", "[1,\"two\"]", "{\"step\":5,\"phase\":\"eval\"}"], rows.Select(r => r.String("Body")));
    }

    [Fact]
    public async Task LogRecord_TraceIdOf5Bytes_RejectedAndOthersStored()
    {
        await using var harness = await IngestHarness.StartAsync("logs_reject");
        var good = new LogRecord { TimeUnixNano = T0 + 1, Body = Str("good"), TraceId = NewTraceId(), SpanId = NewSpanId() };
        var badTrace = new LogRecord { TimeUnixNano = T0 + 2, Body = Str("bad trace"), TraceId = ByteString.CopyFrom(1, 2, 3, 4, 5) };
        var badSpan = new LogRecord { TimeUnixNano = T0 + 3, Body = Str("bad span"), SpanId = ByteString.CopyFrom(1, 2, 3) };
        var alsoGood = new LogRecord { TimeUnixNano = T0 + 4, Body = Str("also good") };

        var result = await harness.SendAsync(LogsRequest(good, badTrace, badSpan, alsoGood));

        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Equal(2, result.Rejected);
        Assert.Contains("trace_id must be empty or 16 bytes", result.Message, StringComparison.Ordinal);
        Assert.Equal(["good", "also good"], (await harness.QueryAsync(LogSql)).Select(r => r.String("Body")));
    }
}
