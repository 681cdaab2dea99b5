using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.ClickHouse;
using Otel.Collector.Hosting;
using Otel.Collector.Registry;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.Registry;

/// <summary>
/// A real collector on its own embedded database whose registry writer holds its lease (a short claim window and settle time, so a
/// test waits about half a second for it), with a client for the API that names its OS user.
/// </summary>
internal sealed class RegistryCollector : IAsyncDisposable
{
    private readonly bool _ownsStore;

    private RegistryCollector(CollectorHost host, IClickHouseStore store, bool ownsStore)
    {
        Host = host;
        Store = store;
        _ownsStore = ownsStore;
        Api = Client("alice");
    }

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public CollectorHost Host { get; }

    public IClickHouseStore Store { get; }

    /// <summary>A client acting as the OS user alice (a collector without keys trusts the header on loopback).</summary>
    public HttpClient Api { get; }

    public RegistryWriter Writer => Host.Services.GetRequiredService<RegistryWriter>();

    public RegistryWriterLease Lease => Host.Services.GetRequiredService<RegistryWriterLease>();

    /// <summary>
    /// Starts a collector; with <paramref name="store"/> it shares another's database, <paramref name="waitForLease"/> false does not wait to hold the
    /// writer's lease, and <paramref name="configure"/> changes its other options.
    /// </summary>
    public static async Task<RegistryCollector> StartAsync(
        string name, IClickHouseStore? store = null, bool waitForLease = true, string? artifactDirectory = null, Action<CollectorOptions>? configure = null)
    {
        var owns = store is null;
        store ??= await TestStores.CreateEmbeddedAsync(name, Cancellation);
        var host = await TestCollectorHosts.StartAsync(name, store, options =>
        {
            options.Jobs.ClaimWindow = TimeSpan.FromMilliseconds(100);
            options.Jobs.Settle = TimeSpan.FromMilliseconds(200);
            options.Pipeline.FlushInterval = TimeSpan.FromMilliseconds(5);
            if (artifactDirectory is not null)
            {
                options.Artifacts.Directory = artifactDirectory;
            }

            configure?.Invoke(options);
        });
        var collector = new RegistryCollector(host, store, owns);
        if (waitForLease)
        {
            await Eventually.UntilAsync(() => collector.Lease.HeldTerm is not null, "the registry writer's lease was not taken", TestTimeouts.Default);
        }

        return collector;
    }

    public HttpClient Client(string user)
    {
        var client = new HttpClient { BaseAddress = Host.HttpEndpoint, Timeout = TestTimeouts.Default };
        client.DefaultRequestHeaders.Add(ApiHeaders.User, user);
        return client;
    }

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: QueryJson.Options);
        }

        using var response = await (client ?? Api).SendAsync(request, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        if (_ownsStore)
        {
            await Store.DisposeAsync();
        }
    }
}
