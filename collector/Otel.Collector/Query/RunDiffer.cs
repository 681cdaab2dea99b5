using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>Computes <see cref="RunDiff"/> from two runs read with history and provenance.</summary>
internal static class RunDiffer
{
    /// <summary>Provenance keys shown as "code"; the rest of provenance (minus collector stamps and packages) is "environment".</summary>
    private static readonly string[] CodeKeys = ["vcs.repository.url.full", "vcs.ref.head.name", "vcs.ref.head.revision", "ml.vcs.dirty", "ml.vcs.diff.sha256"];

    private const string PackagesKey = "ml.process.packages";

    /// <summary>Keys that differ between any two runs by nature (ids of the process, the CI run, the receive time).</summary>
    private static readonly string[] VolatileKeys =
    [
        "ml.collector.received_at", "ml.collector.version", "process.pid", "service.instance.id",
        "cicd.pipeline.run.id", "cicd.pipeline.run.url.full", "ml.cicd.run.attempt", "container.id", PackagesKey,
    ];

    public static RunDiff Diff(RunDetail a, RunDetail b, bool all)
    {
        var code = Pairs(CodeKeys, k => a.Provenance.GetValueOrDefault(k), k => b.Provenance.GetValueOrDefault(k), all);
        var environmentKeys = a.Provenance.Keys.Union(b.Provenance.Keys).Except(CodeKeys).Except(VolatileKeys).Order(StringComparer.Ordinal);
        var environment = Pairs(environmentKeys, k => a.Provenance.GetValueOrDefault(k), k => b.Provenance.GetValueOrDefault(k), all);

        var packagesA = RunPackages.Of(a);
        var packagesB = RunPackages.Of(b);
        var packages = Pairs(packagesA.Keys.Union(packagesB.Keys).Order(StringComparer.Ordinal), packagesA.GetValueOrDefault, packagesB.GetValueOrDefault, all);

        var dataA = a.Datasets.ToDictionary(DataKey, d => d.Digest, StringComparer.Ordinal);
        var dataB = b.Datasets.ToDictionary(DataKey, d => d.Digest, StringComparer.Ordinal);
        var data = Pairs(dataA.Keys.Union(dataB.Keys).Order(StringComparer.Ordinal), dataA.GetValueOrDefault, dataB.GetValueOrDefault, all);

        var config = Pairs(a.Params.Keys.Union(b.Params.Keys).Order(StringComparer.Ordinal), a.Params.GetValueOrDefault, b.Params.GetValueOrDefault, all);

        var metrics = new SortedDictionary<string, MetricPair>(StringComparer.Ordinal);
        foreach (var key in a.Metrics.Keys.Union(b.Metrics.Keys))
        {
            double? va = a.Metrics.TryGetValue(key, out var x) ? x : null;
            double? vb = b.Metrics.TryGetValue(key, out var y) ? y : null;
            if (all || !Same(va, vb))
            {
                metrics[key] = new MetricPair(va, vb, va is not null && vb is not null ? vb - va : null);
            }
        }

        var identical = !all && code.Count + environment.Count + packages.Count + data.Count + config.Count + metrics.Count == 0;
        return new RunDiff(a.Id, b.Id, code, environment, packages, data, config, metrics, identical);
    }

    private static string DataKey(DatasetInfo d) => $"{d.Context}:{d.Name}";

    private static bool Same(double? a, double? b) => a == b || (a is { } x && b is { } y && double.IsNaN(x) && double.IsNaN(y));

    private static SortedDictionary<string, ValuePair> Pairs(IEnumerable<string> keys, Func<string, string?> a, Func<string, string?> b, bool all)
    {
        var pairs = new SortedDictionary<string, ValuePair>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var (va, vb) = (a(key), b(key));
            if (all || !string.Equals(va, vb, StringComparison.Ordinal))
            {
                pairs[key] = new ValuePair(va, vb);
            }
        }

        return pairs;
    }
}
