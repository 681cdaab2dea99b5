using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

public sealed class ChDbStoreConformanceTests : StoreConformanceTests
{
    private protected override Task<IClickHouseStore> CreateStoreAsync(string name, CancellationToken cancellationToken) =>
        TestStores.CreateEmbeddedAsync(name, cancellationToken);
}
