using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Hosting;
using Otel.Collector.Security;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Receivers;

namespace Otel.Collector.Tests.Security;

/// <summary>
/// A real collector (ports 0, embedded store) with its own key file, by default holding one key of each scope (named after
/// it), plus whatever <c>addKeys</c> creates before the collector starts;
/// its <see cref="RunningCollector.Api"/> client sends the admin key.
/// </summary>
internal sealed class SecuredCollector : IAsyncDisposable
{
    private readonly SecurityTestFiles _files;

    private SecuredCollector(SecurityTestFiles files, ApiKeyStore store, RunningCollector collector, Dictionary<ApiKeyScope, string> keys)
    {
        _files = files;
        Store = store;
        Collector = collector;
        Keys = keys;
    }

    public RunningCollector Collector { get; }

    public ApiKeyStore Store { get; }

    public IReadOnlyDictionary<ApiKeyScope, string> Keys { get; }

    public string Ingest => Keys[ApiKeyScope.Ingest];

    public string Read => Keys[ApiKeyScope.Read];

    public string Admin => Keys[ApiKeyScope.Admin];

    public string Directory => _files.Path;

    public static async Task<SecuredCollector> StartAsync(
        string name, bool withKeys = true, Action<CollectorOptions>? configure = null, Action<ApiKeyStore>? addKeys = null)
    {
        var files = new SecurityTestFiles();
        var store = new ApiKeyStore(files.KeysFile, TimeProvider.System);
        var keys = new Dictionary<ApiKeyScope, string>();
        if (withKeys)
        {
            foreach (var scope in new[] { ApiKeyScope.Ingest, ApiKeyScope.Read, ApiKeyScope.Registry, ApiKeyScope.Approve, ApiKeyScope.Admin })
            {
                keys[scope] = store.Create(scope.Name(), scope).Key;
            }
        }

        addKeys?.Invoke(store);

        var collector = await RunningCollector.StartAsync(name, o =>
        {
            // Artifacts (and anything else kept under the data directory) stay with this test.
            o.DataPath = files.Path;
            o.Security.KeysFile = files.KeysFile;
            configure?.Invoke(o);
        });
        if (withKeys)
        {
            collector.Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keys[ApiKeyScope.Admin]);
        }

        return new SecuredCollector(files, store, collector, keys);
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Collector.Host.HttpEndpoint, Timeout = TestTimeouts.Default };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        using var client = Client(key);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>One OTLP/gRPC trace export with <paramref name="key"/> (or none): the call's status code.</summary>
    public async Task<StatusCode> GrpcExportAsync(string? key, GrpcChannelOptions? channelOptions = null)
    {
        using var channel = GrpcChannel.ForAddress(Collector.Host.GrpcEndpoint, channelOptions ?? new GrpcChannelOptions());
        var headers = new Metadata();
        if (key is not null)
        {
            headers.Add("authorization", "Bearer " + key);
        }

        try
        {
            await new TraceService.TraceServiceClient(channel)
                .ExportAsync(OtlpTestRequests.Traces(), new CallOptions(headers, cancellationToken: TestContext.Current.CancellationToken))
                .ResponseAsync.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Collector.DisposeAsync();
        _files.Dispose();
    }
}
