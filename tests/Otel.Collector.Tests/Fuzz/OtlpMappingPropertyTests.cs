using System.Globalization;
using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Processors;
using Otel.Collector.Sinks;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Ingest;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// Property: any well-formed OTLP request, however hostile its content (contract attributes of the
/// wrong type, repeated keys, arrays of unequal length, ids of any length, extreme numbers and
/// times, deep and wide values), goes through a protobuf round trip, the edge limits, decoding,
/// processors and sinks without an exception, and every span, data point and log record is accounted for.
/// Requests are generated from fixed seeds.
/// </summary>
public sealed class OtlpMappingPropertyTests
{
    private const int Requests = 300;

    private static readonly string[] Keys =
    [
        "ml.run.id", "ml.experiment.name", "ml.run.name", "ml.run.parent_id", "ml.run.status", "ml.run.seed", "ml.run.reproduces",
        "ml.param.lr", "ml.param.", "ml.param.a.b", "ml.tag.owner", "ml.tag.", "ml.metric.key", "ml.metric.value", "ml.metric.step",
        "ml.metric.keys", "ml.metric.values", "ml.metric.steps", "ml.metric.timestamps", "ml.artifact.path", "ml.artifact.sha256",
        "ml.artifact.size", "ml.artifact.uri", "ml.artifact.kind", "ml.dataset.name", "ml.dataset.digest", "ml.dataset.uri",
        "ml.dataset.rows", "ml.dataset.context", "ml.dataset.size", "ml.dataset.format", "ml.dataset.schema", "ml.model.name",
        "service.name", "vcs.ref.head.revision", "password", "api_key", "authorization", "db.connection_string", "", "k\u0000", "ключ",
    ];

    private static readonly string[] Texts =
    [
        "", "x", "run-1", "ml.run", "loss", "NaN", "-1", "9223372036854775808", "s3://bucket/key?X-Amz-Signature=abc", "https://user:pw@host/p",
        "AKIAIOSFODNN7EXAMPLE", "ghp_0123456789abcdefghijABCDEFGHIJ012345", "\"quoted\"", "line\nbreak", "\u0000", "\U0001F680",
        new string('a', 64), new string('f', 300), "[{\"name\":\"x\",\"type\":\"int\"}]", "ml.metrics",
    ];

    private static readonly string[] SpanNames = ["ml.run", "ml.run.start", "ml.run.metrics", "ml.run.heartbeat", "", "GET /", "ml.metric"];

    private static readonly string[] EventNames = ["ml.metric", "ml.metrics", "ml.artifact", "ml.dataset", "exception", ""];

    [Fact]
    public void Traces_AnyWellFormedRequest_IsMappedOrRejectedWithoutException() =>
        Check(seed => Traces(new Random(seed)), FuzzTargets.Traces, ExportTraceServiceRequest.Parser);

    [Fact]
    public void Metrics_AnyWellFormedRequest_IsMappedOrRejectedWithoutException() =>
        Check(seed => Metrics(new Random(seed)), FuzzTargets.Metrics, ExportMetricsServiceRequest.Parser);

    [Fact]
    public void Logs_AnyWellFormedRequest_IsMappedOrRejectedWithoutException() =>
        Check(seed => Logs(new Random(seed)), FuzzTargets.Logs, ExportLogsServiceRequest.Parser);

    /// <summary>Found by the property above: a repeated key in an ml.artifact event threw (HTTP 500). The last one wins, as in every attribute map.</summary>
    [Fact]
    public void ArtifactEventWithARepeatedKey_IsStoredWithTheLastValue()
    {
        var span = Limits.LimitRequests.NewSpan("ml.run", OtlpRequests.Attr("ml.run.id", "repeat"), OtlpRequests.Attr("ml.experiment.name", "e"));
        span.Events.Add(new Span.Types.Event
        {
            Name = "ml.artifact",
            Attributes =
            {
                OtlpRequests.Attr("ml.artifact.path", "first.bin"),
                OtlpRequests.Attr("ml.artifact.sha256", new string('a', 64)),
                OtlpRequests.Attr("ml.artifact.path", "model.onnx"),
            },
        });
        var decoded = TraceDecoder.Decode(TraceExport.FromMessage(Limits.LimitRequests.Traces(span)), 1);
        IngestProcessors.Default.Run(decoded);
        using var batch = new RowBatch();
        IngestSinks.All.WriteAll(decoded, batch);

        Assert.Equal(1, decoded.Tally.Accepted);
        var rows = Encoding.UTF8.GetString(batch.For(StorageTable.MlArtifacts).WrittenMemory.Span);
        Assert.Contains("\"Path\":\"model.onnx\"", rows, StringComparison.Ordinal);
        Assert.DoesNotContain("first.bin", rows, StringComparison.Ordinal);
    }

    private static void Check<T>(Func<int, T> generate, Func<T, string?> downstream, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var failures = new List<string>();
        for (var seed = 0; seed < Requests && failures.Count < 10; seed++)
        {
            try
            {
                var request = parser.ParseFrom(generate(seed).ToByteArray());
                if (downstream(request) is { } wrong)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {wrong}"));
                }
            }
            catch (Exception ex)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}"));
            }
        }

        Assert.Empty(failures);
    }

    private static ExportTraceServiceRequest Traces(Random random)
    {
        var request = new ExportTraceServiceRequest();
        for (var r = random.Next(1, 3); r > 0; r--)
        {
            var resource = new ResourceSpans { Resource = new Resource { Attributes = { Attributes(random, 4) } } };
            for (var s = random.Next(1, 3); s > 0; s--)
            {
                var scope = new ScopeSpans { Scope = random.Next(3) == 0 ? null : new InstrumentationScope { Name = Pick(random, Texts), Attributes = { Attributes(random, 2) } } };
                for (var n = random.Next(0, 6); n > 0; n--)
                {
                    scope.Spans.Add(Span(random));
                }

                resource.ScopeSpans.Add(scope);
            }

            request.ResourceSpans.Add(resource);
        }

        return request;
    }

    private static Span Span(Random random)
    {
        var span = new Span
        {
            TraceId = Id(random, 16),
            SpanId = Id(random, 8),
            ParentSpanId = random.Next(2) == 0 ? ByteString.Empty : Id(random, 8),
            Name = Pick(random, SpanNames),
            Kind = (Span.Types.SpanKind)random.Next(-1, 8),
            StartTimeUnixNano = Time(random),
            EndTimeUnixNano = Time(random),
            Status = random.Next(3) == 0 ? null : new Status { Code = (Status.Types.StatusCode)random.Next(-1, 5), Message = Pick(random, Texts) },
            Attributes = { Attributes(random, 8) },
        };
        if (random.Next(2) == 0)
        {
            span.Attributes.Add(new KeyValue { Key = "ml.run.id", Value = new AnyValue { StringValue = random.Next(4) == 0 ? new string('r', 300) : "run-" + random.Next(3) } });
        }

        for (var e = random.Next(0, 5); e > 0; e--)
        {
            span.Events.Add(Event(random));
        }

        for (var l = random.Next(0, 3); l > 0; l--)
        {
            span.Links.Add(new Span.Types.Link { TraceId = Id(random, 16), SpanId = Id(random, 8), TraceState = Pick(random, Texts), Attributes = { Attributes(random, 2) } });
        }

        return span;
    }

    private static Span.Types.Event Event(Random random)
    {
        var e = new Span.Types.Event { Name = Pick(random, EventNames), TimeUnixNano = Time(random), Attributes = { Attributes(random, 5) } };
        if (e.Name == "ml.metrics" && random.Next(2) == 0)
        {
            // Parallel arrays, of equal length most of the time, with elements of any type.
            var length = random.Next(0, 6);
            foreach (var key in new[] { "ml.metric.keys", "ml.metric.values", "ml.metric.steps", "ml.metric.timestamps" })
            {
                var array = new ArrayValue();
                var count = random.Next(5) == 0 ? random.Next(0, 6) : length;
                for (var i = 0; i < count; i++)
                {
                    array.Values.Add(key switch
                    {
                        "ml.metric.keys" when random.Next(5) > 0 => new AnyValue { StringValue = Pick(random, Texts) },
                        "ml.metric.values" when random.Next(5) > 0 => new AnyValue { DoubleValue = Number(random) },
                        "ml.metric.steps" or "ml.metric.timestamps" when random.Next(5) > 0 => new AnyValue { IntValue = Integer(random) },
                        _ => Value(random, 0),
                    });
                }

                e.Attributes.Add(new KeyValue { Key = key, Value = new AnyValue { ArrayValue = array } });
            }
        }

        return e;
    }

    private static ExportMetricsServiceRequest Metrics(Random random)
    {
        var scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = Pick(random, Texts) } };
        for (var m = random.Next(0, 6); m > 0; m--)
        {
            var metric = new Metric { Name = Pick(random, Texts), Unit = Pick(random, Texts), Metadata = { Attributes(random, 1) } };
            switch (random.Next(6))
            {
                case 0:
                    metric.Gauge = new Gauge { DataPoints = { NumberPoints(random) } };
                    break;
                case 1:
                    metric.Sum = new Sum { AggregationTemporality = (AggregationTemporality)random.Next(-1, 4), IsMonotonic = random.Next(2) == 0, DataPoints = { NumberPoints(random) } };
                    break;
                case 2:
                    metric.Histogram = new Histogram();
                    for (var p = random.Next(0, 3); p > 0; p--)
                    {
                        var bounds = random.Next(0, 4);
                        metric.Histogram.DataPoints.Add(new HistogramDataPoint
                        {
                            Attributes = { Attributes(random, 3) },
                            Count = (ulong)random.NextInt64(),
                            Sum = Number(random),
                            ExplicitBounds = { Enumerable.Range(0, bounds).Select(_ => Number(random)) },
                            BucketCounts = { Enumerable.Range(0, random.Next(3) == 0 ? random.Next(0, 5) : bounds + 1).Select(_ => (ulong)random.NextInt64()) },
                            Exemplars = { Exemplars(random) },
                            TimeUnixNano = Time(random),
                        });
                    }

                    break;
                case 3:
                    metric.ExponentialHistogram = new ExponentialHistogram
                    {
                        DataPoints =
                        {
                            new ExponentialHistogramDataPoint
                            {
                                Scale = random.Next(int.MinValue, int.MaxValue),
                                Positive = random.Next(2) == 0 ? null : new ExponentialHistogramDataPoint.Types.Buckets { Offset = random.Next(int.MinValue, int.MaxValue), BucketCounts = { (ulong)random.NextInt64() } },
                                ZeroThreshold = Number(random),
                                Exemplars = { Exemplars(random) },
                            },
                        },
                    };
                    break;
                case 4:
                    metric.Summary = new Summary { DataPoints = { new SummaryDataPoint { Sum = Number(random), QuantileValues = { new SummaryDataPoint.Types.ValueAtQuantile { Quantile = Number(random), Value = Number(random) } } } } };
                    break;
                default:
                    break; // no data at all
            }

            scope.Metrics.Add(metric);
        }

        return new ExportMetricsServiceRequest { ResourceMetrics = { new ResourceMetrics { Resource = new Resource { Attributes = { Attributes(random, 3) } }, SchemaUrl = Pick(random, Texts), ScopeMetrics = { scope } } } };
    }

    private static IEnumerable<NumberDataPoint> NumberPoints(Random random)
    {
        for (var p = random.Next(0, 4); p > 0; p--)
        {
            var point = new NumberDataPoint { Attributes = { Attributes(random, 4) }, TimeUnixNano = Time(random), StartTimeUnixNano = Time(random), Flags = (uint)random.Next(), Exemplars = { Exemplars(random) } };
            if (random.Next(2) == 0)
            {
                point.AsInt = Integer(random);
            }
            else
            {
                point.AsDouble = Number(random);
            }

            yield return point;
        }
    }

    private static IEnumerable<Exemplar> Exemplars(Random random)
    {
        for (var e = random.Next(0, 2); e > 0; e--)
        {
            yield return new Exemplar { TraceId = Id(random, 16), SpanId = Id(random, 8), AsDouble = Number(random), TimeUnixNano = Time(random), FilteredAttributes = { Attributes(random, 2) } };
        }
    }

    private static ExportLogsServiceRequest Logs(Random random)
    {
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = Pick(random, Texts), Attributes = { Attributes(random, 2) } } };
        for (var n = random.Next(0, 6); n > 0; n--)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = Time(random),
                ObservedTimeUnixNano = Time(random),
                SeverityNumber = (SeverityNumber)random.Next(-1, 40),
                SeverityText = Pick(random, Texts),
                Body = random.Next(4) == 0 ? null : Value(random, 0),
                Attributes = { Attributes(random, 5) },
                Flags = (uint)random.Next(),
                TraceId = Id(random, 16),
                SpanId = Id(random, 8),
                EventName = Pick(random, Texts),
            });
        }

        return new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { Resource = new Resource { Attributes = { Attributes(random, 3) } }, ScopeLogs = { scope } } } };
    }

    /// <summary>Up to <paramref name="max"/> attributes, with keys from the contract and repeats.</summary>
    private static IEnumerable<KeyValue> Attributes(Random random, int max)
    {
        for (var i = random.Next(0, max + 1); i > 0; i--)
        {
            yield return new KeyValue { Key = Pick(random, Keys), Value = random.Next(10) == 0 ? null : Value(random, 0) };
        }
    }

    private static AnyValue Value(Random random, int depth) => random.Next(depth > 3 ? 6 : 9) switch
    {
        0 => new AnyValue { StringValue = Pick(random, Texts) },
        1 => new AnyValue { BoolValue = random.Next(2) == 0 },
        2 => new AnyValue { IntValue = Integer(random) },
        3 => new AnyValue { DoubleValue = Number(random) },
        4 => new AnyValue { BytesValue = Id(random, 4) },
        5 => new AnyValue(),
        6 or 7 => new AnyValue { ArrayValue = new ArrayValue { Values = { Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1)) } } },
        _ => new AnyValue { KvlistValue = new KeyValueList { Values = { Enumerable.Range(0, random.Next(0, 4)).Select(_ => new KeyValue { Key = Pick(random, Keys), Value = Value(random, depth + 1) }) } } },
    };

    /// <summary>Usually a valid id, sometimes empty, all zero or of a wrong length.</summary>
    private static ByteString Id(Random random, int length)
    {
        var bytes = new byte[random.Next(6) switch { 0 => 0, 1 => random.Next(1, 40), _ => length }];
        if (random.Next(6) > 0)
        {
            random.NextBytes(bytes);
        }

        return ByteString.CopyFrom(bytes);
    }

    private static ulong Time(Random random) => random.Next(5) switch
    {
        0 => 0,
        1 => ulong.MaxValue,
        2 => (ulong)long.MaxValue + 1,
        _ => 1_767_225_600_000_000_000 + (ulong)random.Next(),
    };

    private static long Integer(Random random) => random.Next(5) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        2 => -1,
        _ => random.Next(-100, 100),
    };

    private static double Number(Random random) => random.Next(8) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => -0.0,
        4 => double.Epsilon,
        5 => double.MaxValue,
        _ => (random.NextDouble() - 0.5) * 1e6,
    };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
