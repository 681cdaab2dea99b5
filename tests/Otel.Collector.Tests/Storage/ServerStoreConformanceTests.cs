using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>The same suite against a ClickHouse server; skipped when none can be had (see <see cref="TestClickHouseServer"/>).</summary>
public sealed class ServerStoreConformanceTests : StoreConformanceTests
{
    private protected override Task<IClickHouseStore> CreateStoreAsync(string name, CancellationToken cancellationToken) =>
        TestStores.CreateServerAsync(name, cancellationToken);
}
