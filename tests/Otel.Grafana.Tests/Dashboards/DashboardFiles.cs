using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// Every dashboard the tests cover: the product's dashboards/*.json and the harness's own fixture
/// (Dashboards/Fixtures/*.json), which keeps the checks themselves exercised whatever dashboards exist.
/// </summary>
internal static class DashboardFiles
{
    public const string FixtureDirectory = "tests/Otel.Grafana.Tests/Dashboards/Fixtures";

    private static readonly Lazy<IReadOnlyList<GrafanaDashboard>> s_all = new(() =>
        [.. Paths().Select(path => GrafanaDashboard.Parse(Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'), File.ReadAllText(path)))]);

    public static IReadOnlyList<GrafanaDashboard> All => s_all.Value;

    public static GrafanaDashboard Get(string file) => All.Single(d => d.File == file);

    private static IEnumerable<string> Paths() =>
        new[] { "dashboards", FixtureDirectory }
            .Select(directory => Path.Combine(RepositoryFiles.Root, directory))
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.GetFiles(directory, "*.json"))
            .Order(StringComparer.Ordinal);
}
