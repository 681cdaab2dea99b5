using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Tests.Ingest;
using Otel.Tracking;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.RunFilter;

/// <summary>
/// Five runs to filter and order: r1..r4 in experiment <c>find</c> one minute apart from T0 (r3 a child of r1, r4 still
/// running), r5 in <c>other</c>. r1 logged acc 0.7 then 0.9 (latest 0.9); r2 has a param whose key is an injection attempt.
/// </summary>
internal static class FilterScenario
{
    public const string InjectionKey = "k') OR 1=1 --";

    public static long StartMs(int run) => (long)(T0 / 1_000_000) + ((run - 1) * 60_000L);

    public static async Task SeedAsync(IngestHarness harness)
    {
        await RunAsync(harness, "r1", "find", "alpha", Status.Types.StatusCode.Ok, null,
            [Attr("ml.param.lr", "0.1"), Attr("ml.param.opt", "adam"), Attr("ml.tag.owner", "ana")],
            [("acc", 0.7, 1), ("acc", 0.9, 2), ("loss", 0.3, 2)]);
        await RunAsync(harness, "r2", "find", "beta", Status.Types.StatusCode.Error, null,
            [Attr("ml.param.lr", "0.01"), Attr("ml.param.opt", "sgd"), Attr("ml.tag.owner", "bo"), Attr("ml.param." + InjectionKey, "v")],
            [("acc", 0.85, 1), ("loss", 0.2, 1)]);
        await RunAsync(harness, "r3", "find", "gamma", Status.Types.StatusCode.Ok, "r1",
            [Attr("ml.param.lr", "0.1"), Attr("ml.param.batch size", "32"), Attr("ml.tag.team/x", "it's")],
            [("loss", 0.5, 1)]);
        await RunAsync(harness, "r4", "find", "delta", null, null,
            [Attr("ml.param.lr", "0.2"), Attr("ml.tag.owner", "Ana")], []);
        await RunAsync(harness, "r5", "other", "epsilon", Status.Types.StatusCode.Ok, null,
            [Attr("ml.param.lr", "0.1"), Attr("ml.tag.owner", "ana")], [("acc", 0.99, 1)]);
    }

    /// <summary>A run's start span, and unless <paramref name="end"/> is null its end span 30 s later with the metric points.</summary>
    private static async Task RunAsync(IngestHarness harness, string id, string experiment, string name, Status.Types.StatusCode? end, string? parent,
        KeyValue[] attributes, (string Key, double Value, long Step)[] points)
    {
        var offset = (ulong)(int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) - 1) * 60 * Second;
        KeyValue[] all = [Attr(MlSemanticConventions.RunName, name), .. attributes, .. parent is null ? Array.Empty<KeyValue>() : [Attr(MlSemanticConventions.RunParentId, parent)]];
        var start = RunSpan(MlSemanticConventions.RunStartSpan, id, experiment, all);
        start.StartTimeUnixNano = T0 + offset;
        start.EndTimeUnixNano = T0 + offset;
        await harness.SendAcceptedAsync(TracesRequest(start));
        if (end is null)
        {
            return;
        }

        var run = RunSpan(MlSemanticConventions.RunSpan, id, experiment, all);
        run.TraceId = start.TraceId;
        run.StartTimeUnixNano = T0 + offset;
        run.EndTimeUnixNano = T0 + offset + (30 * Second);
        run.Status = new Status { Code = end.Value };
        foreach (var (key, value, step) in points)
        {
            run.Events.Add(MetricEvent(key, value, step, T0 + offset + ((ulong)step * Second)));
        }

        await harness.SendAcceptedAsync(TracesRequest(run));
    }
}
