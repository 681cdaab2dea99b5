using System.Net;
using System.Net.Sockets;
using System.Text;
using Otel.Collector.Tests.Registry;
using Otel.Tracking.Serving.Tests.Infrastructure;

namespace Otel.Tracking.Serving.Tests;

/// <summary>Resolving the served model at start: what is sent, and a clear error for each way it can fail.</summary>
public sealed class ServedModelResolutionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResolveAsync_InvalidOptions_OneErrorNamesEveryOptionToFix()
    {
        var options = new ModelServingOptions { Endpoint = new Uri("ftp://registry"), RegistryTimeout = TimeSpan.Zero };

        var error = await Assert.ThrowsAsync<ModelServingException>(() => ServedModel.ResolveAsync(options, NoEnvironment, null, Cancellation).Within());

        Assert.Contains("ModelServingOptions.Model is not set: set it (or OTEL_TRACK_MODEL) to models:/NAME@ALIAS or models:/NAME/VERSION", error.Message, StringComparison.Ordinal);
        Assert.Contains("ModelServingOptions.Endpoint 'ftp://registry/' is not an http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("ModelServingOptions.RegistryTimeout is 00:00:00: give it a positive time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_NotAModelUri_SaysHowToWriteOne()
    {
        var error = await Assert.ThrowsAsync<ModelServingException>(
            () => ServedModel.ResolveAsync(new ModelServingOptions { Model = "churn@champion" }, NoEnvironment, null, Cancellation).Within());

        Assert.Contains("'churn@champion' is not a model URI: write models:/NAME@ALIAS or models:/NAME/VERSION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_FromEnvironment_AsksThatEndpointWithTheKeyAndToleratesNoBaseline()
    {
        using var registry = new RecordingHandler();
        var environment = new Dictionary<string, string>
        {
            [ModelServingOptions.ModelVariable] = "models:/churn@champion",
            [ModelServingOptions.EndpointVariable] = "http://registry.example:4318",
            [ModelServingOptions.ApiKeyVariable] = "secret-key",
        };

        var model = await ServedModel.ResolveAsync(new ModelServingOptions(), environment.GetValueOrDefault, registry, Cancellation).Within();

        Assert.Equal(("churn", 4L, "run-4", "models:/churn@champion"), (model.Name, model.Version, model.RunId, model.Uri));
        Assert.Null(model.Baseline);
        Assert.Equal(
            ["http://registry.example:4318/api/models/resolve?uri=models%3A%2Fchurn%40champion", "http://registry.example:4318/api/models/churn/versions/4/baseline"],
            registry.Requests.Select(r => r.Url));
        Assert.All(registry.Requests, r => Assert.Equal("Bearer secret-key", r.Authorization));
    }

    [Fact]
    public async Task ResolveAsync_NothingListens_FailsStartSayingTheRegistryIsUnreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();

        var error = await Assert.ThrowsAsync<ModelServingException>(
            () => ServedModel.ResolveAsync(new ModelServingOptions { Model = "models:/churn/1", Endpoint = endpoint }, Cancellation).Within());

        Assert.StartsWith($"cannot reach the registry at {endpoint} to resolve models:/churn/1", error.Message, StringComparison.Ordinal);
        Assert.Contains("the service does not start without knowing which version it serves", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_RegistryNeverAnswers_FailsAfterRegistryTimeout()
    {
        // Connections are accepted by the kernel's backlog and never answered.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
            var options = new ModelServingOptions { Model = "models:/churn/1", Endpoint = endpoint, RegistryTimeout = TimeSpan.FromMilliseconds(300) };

            var error = await Assert.ThrowsAsync<ModelServingException>(() => ServedModel.ResolveAsync(options, Cancellation).Within());

            Assert.StartsWith($"the registry at {endpoint} did not answer within 0.3 s while resolving models:/churn/1", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task ResolveAsync_RealRegistry_ResolvesAnAliasAndRefusesUnknownOnesWithItsReason()
    {
        await using var collector = await RegistryCollector.StartAsync("serving_resolve");
        await collector.RegisterWithBaselineAsync("fraud", "champion", baseline: null);
        ModelServingOptions Options(string uri) => new() { Model = uri, Endpoint = collector.Host.HttpEndpoint };

        var model = await ServedModel.ResolveAsync(Options("models:/fraud@champion"), Cancellation).Within();
        var unknownAlias = await Assert.ThrowsAsync<ModelServingException>(() => ServedModel.ResolveAsync(Options("models:/fraud@staging"), Cancellation).Within());
        var unknownVersion = await Assert.ThrowsAsync<ModelServingException>(() => ServedModel.ResolveAsync(Options("models:/fraud/9"), Cancellation).Within());

        Assert.Equal((1L, null), (model.Version, model.Baseline));
        Assert.StartsWith($"the registry at {collector.Host.HttpEndpoint} refused models:/fraud@staging (404): ", unknownAlias.Message, StringComparison.Ordinal);
        Assert.Contains("no alias 'staging'", unknownAlias.Message, StringComparison.Ordinal);
        Assert.EndsWith("Check the name, alias or version with `otel-track models show NAME`.", unknownAlias.Message, StringComparison.Ordinal);
        Assert.Contains("refused models:/fraud/9 (404)", unknownVersion.Message, StringComparison.Ordinal);
    }

    private static string? NoEnvironment(string name) => null;

    /// <summary>Answers a version for any resolve and 404 for its baseline, keeping what was asked.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        private const string Version = """
            {"name":"churn","version":4,"runId":"run-4","experiment":"e","artifact":{"path":"m.bin","sha256":"ab","size":1},
             "createdBy":"alice","createdAt":"2026-12-01T00:00:00Z","updatedAt":"2026-12-01T00:00:00Z"}
            """;

        public List<(string Url, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.ToString()));
            return Task.FromResult(request.RequestUri.AbsolutePath.EndsWith("/baseline", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"error":"no baseline"}""", Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Version, Encoding.UTF8, "application/json") });
        }
    }
}
