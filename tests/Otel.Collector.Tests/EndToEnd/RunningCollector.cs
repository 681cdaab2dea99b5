using System.Net.Http.Json;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Hosting;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>A real collector on 127.0.0.1, ports 0, over its own embedded database; and a client for its query API.</summary>
internal sealed class RunningCollector : IAsyncDisposable
{
    private readonly IClickHouseStore _store;

    private RunningCollector(CollectorHost host, IClickHouseStore store)
    {
        Host = host;
        _store = store;
        Api = new HttpClient { BaseAddress = host.HttpEndpoint, Timeout = TestTimeouts.Default };
    }

    public CollectorHost Host { get; }

    public HttpClient Api { get; }

    public IClickHouseStore Store => _store;

    /// <summary>
    /// Starts a collector over a fresh database named after <paramref name="name"/>. <paramref name="wrapStore"/> gives the collector
    /// another view of that store (one that fails on demand); <see cref="Store"/> stays the real one.
    /// </summary>
    public static async Task<RunningCollector> StartAsync(string name, Action<CollectorOptions>? configure = null, Func<IClickHouseStore, IClickHouseStore>? wrapStore = null)
    {
        var store = await TestStores.CreateEmbeddedAsync(name);
        var host = await TestCollectorHosts.StartAsync(name, wrapStore?.Invoke(store) ?? store, configure);
        return new RunningCollector(host, store);
    }

    public async Task<List<RunSummary>> ListRunsAsync(string experiment) =>
        (await Api.GetFromJsonAsync<List<RunSummary>>($"api/runs?experiment={Uri.EscapeDataString(experiment)}", QueryJson.Options).WaitAsync(TestTimeouts.Default))!;

    public async Task<RunDetail> GetRunAsync(string id) =>
        (await Api.GetFromJsonAsync<RunDetail>($"api/runs/{Uri.EscapeDataString(id)}", QueryJson.Options).WaitAsync(TestTimeouts.Default))!;

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Api.GetFromJsonAsync<JsonElement>(path).WaitAsync(TestTimeouts.Default);

    /// <summary>Polls the API until <paramref name="condition"/> holds: the observable state is the synchronisation, bounded by a timeout.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout) =>
        Eventually.UntilAsync(read, condition, last => "condition not met; last value: " + JsonSerializer.Serialize(last, QueryJson.Options), timeout);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        await _store.DisposeAsync();
    }
}
