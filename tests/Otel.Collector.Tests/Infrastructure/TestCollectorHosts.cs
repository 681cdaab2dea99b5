using Otel.Collector.ClickHouse;
using Otel.Collector.Hosting;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>The whole collector in-process: 127.0.0.1, ports 0, a spool of its own, over a store the test gives.</summary>
internal static class TestCollectorHosts
{
    /// <summary>
    /// Starts a collector over <paramref name="store"/> (which the caller keeps and disposes), with a fresh spool
    /// named after <paramref name="name"/>; <paramref name="configure"/> changes any other option.
    /// </summary>
    public static Task<CollectorHost> StartAsync(string name, IClickHouseStore store, Action<CollectorOptions>? configure = null)
    {
        var options = new CollectorOptions { GrpcPort = 0, HttpPort = 0 };
        options.Pipeline.SpoolDirectory = TestSpool.Create(name);
        configure?.Invoke(options);
        var cancellation = TestContext.Current.CancellationToken;
        return CollectorHost.StartAsync(options, store, cancellation).WaitAsync(TestTimeouts.Default, cancellation);
    }
}
