namespace Otel.Collector.Tests.Infrastructure;

/// <summary>A fresh spool directory per pipeline, inside the test process's data directory (removed at exit).</summary>
internal static class TestSpool
{
    public static string Create(string name) =>
        System.IO.Path.Combine(TestDataDirectory.Path, "spools", $"{name}-{Guid.NewGuid():N}");
}
