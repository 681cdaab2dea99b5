namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>Where the pinned chDB package tarball comes from (npm in production, a fake in tests).</summary>
internal interface IChDbPackageSource
{
    /// <summary>Writes the package tarball into <paramref name="workDirectory"/> and returns its path.</summary>
    string FetchTarball(ChDbPackage package, string workDirectory, CancellationToken cancellationToken);
}
