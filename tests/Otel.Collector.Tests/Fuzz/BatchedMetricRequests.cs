using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Tests.Limits;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// Random trace requests around the batched <c>ml.metrics</c> event, deterministic per <see cref="Random"/>: mostly
/// well formed, and now and then with arrays of unequal lengths, a missing or non-array attribute, elements of the
/// wrong type, empty or long keys, negative timestamps, repeated attributes, single-point and other events beside it.
/// </summary>
internal static class BatchedMetricRequests
{
    private static readonly string[] Keys = ["loss", "acc", "val/loss", "lr", "résumé ✓"];

    public static ExportTraceServiceRequest Generate(Random random)
    {
        var spans = new Span[1 + random.Next(4)];
        for (var s = 0; s < spans.Length; s++)
        {
            var attributes = new List<KeyValue>();
            if (random.Next(20) != 0)
            {
                attributes.Add(Attr("ml.run.id", $"run-{random.Next(3)}"));
            }

            if (random.Next(2) == 0)
            {
                attributes.Add(Attr("ml.experiment.name", "exp"));
            }

            var span = LimitRequests.NewSpan(random.Next(10) == 0 ? "ml.run" : "ml.run.metrics", [.. attributes]);
            span.SpanId = ByteString.CopyFrom(BitConverter.GetBytes((long)s + 1));
            span.TraceId = ByteString.CopyFrom([.. Enumerable.Repeat((byte)7, 16)]);
            for (var e = random.Next(4); e > 0; e--)
            {
                span.Events.Add(random.Next(6) switch
                {
                    0 => new Span.Types.Event { Name = "ml.metric", Attributes = { Attr("ml.metric.key", "loss"), Attr("ml.metric.value", 0.5) } },
                    1 => new Span.Types.Event { Name = "note", Attributes = { Attr("ml.metric.keys", ArrayOf(Str("x"))) } },
                    _ => MetricsEvent(random),
                });
            }

            spans[s] = span;
        }

        return LimitRequests.Traces([Attr("service.name", "differential")], spans);
    }

    private static Span.Types.Event MetricsEvent(Random random)
    {
        var count = random.Next(10) == 0 ? 0 : 1 + random.Next(40);
        var e = new Span.Types.Event { Name = "ml.metrics", TimeUnixNano = random.Next(3) == 0 ? 0 : 1_767_225_600_000_000_000 + (ulong)random.Next(1000) };
        var attributes = new List<KeyValue>();
        Add(attributes, random, "ml.metric.keys", count, 1, i => Str(Rare(random) ? (random.Next(2) == 0 ? string.Empty : new string('k', 9)) : Keys[i % Keys.Length]), () => Int(1));
        Add(attributes, random, "ml.metric.values", count, 1, i => i % 3 == 0 ? Int(i) : Dbl(i * 0.25), () => Str("1.5"));
        Add(attributes, random, "ml.metric.steps", count, 4, i => Int(i), () => Dbl(1));
        Add(attributes, random, "ml.metric.timestamps", count, 4, i => Int(i % 4 == 0 ? 0 : 1_767_225_600_000_000_000 + i), () => Int(-1));
        if (random.Next(3) == 0)
        {
            attributes.Add(Attr("ml.run.id", "run-0"));
        }

        if (Rare(random) && attributes.Count > 0)
        {
            attributes.Add(attributes[random.Next(attributes.Count)]);
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(attributes));
        e.Attributes.Add(attributes);
        return e;
    }

    /// <summary>An array attribute, left out one time in <paramref name="absentOneIn"/>, and rarely not an array, of the wrong length or with a wrong element.</summary>
    private static void Add(List<KeyValue> attributes, Random random, string key, int count, int absentOneIn, Func<int, AnyValue> element, Func<AnyValue> wrong)
    {
        if (absentOneIn > 1 && random.Next(absentOneIn) == 0)
        {
            return;
        }

        if (Rare(random))
        {
            attributes.Add(Attr(key, wrong()));
            return;
        }

        var length = Rare(random) ? count + 1 : count;
        var values = Enumerable.Range(0, length).Select(element).ToArray();
        if (length > 0 && Rare(random))
        {
            values[random.Next(length)] = wrong();
        }

        attributes.Add(Attr(key, ArrayOf(values)));
    }

    private static bool Rare(Random random) => random.Next(25) == 0;
}
