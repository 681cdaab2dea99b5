using System.Net;
using Otel.Tracking;
using Otel.Tracking.Query.Registry;
using Otel.Tracking.Registry;

namespace Otel.Collector.Tests.Registry;

/// <summary>The SDK's RegisterModelAsync, ResolveModelAsync and DownloadModelAsync against a real collector.</summary>
public sealed class SdkRegistryTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sdk_RegistersResolvesAndDownloadsVerified_AndACorruptedBlobIsRefused()
    {
        var artifacts = Directory.CreateTempSubdirectory("registry-sdk-store-").FullName;
        var into = Directory.CreateTempSubdirectory("registry-sdk-download-").FullName;
        try
        {
            await using var collector = await RegistryCollector.StartAsync("registry_sdk", artifactDirectory: artifacts);
            var run = await collector.SeedRunAsync("churn-exp");
            using var tracking = new MlTracking(new MlTrackingOptions { ArtifactEndpoint = collector.Host.HttpEndpoint, HandleTerminationSignals = false });

            var registered = await tracking.RegisterModelAsync("churn", run.RunId, run.ArtifactPath, "from the sdk", new Dictionary<string, string> { ["team"] = "risk" }, Cancellation).Within();
            await collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/champion", new ModelAliasTarget(registered.Version));
            var resolved = await tracking.ResolveModelAsync("models:/churn@champion", Cancellation).Within();
            var file = await tracking.DownloadModelAsync(resolved, into, Cancellation).Within();
            var unknown = await Assert.ThrowsAsync<ModelRegistryException>(() => tracking.ResolveModelAsync("models:/churn@staging", Cancellation).Within());

            Assert.Equal((1L, run.RunId, run.Sha256, "from the sdk"), (registered.Version, registered.RunId, registered.Artifact.Sha256, registered.Description));
            Assert.Equal(registered.Version, resolved.Version);
            Assert.Equal(Path.Combine(into, "model.bin"), file);
            Assert.Equal(run.Bytes, await File.ReadAllBytesAsync(file, Cancellation));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("no alias 'staging'", unknown.Message, StringComparison.Ordinal);

            File.Delete(file);
            await File.WriteAllBytesAsync(Path.Combine(artifacts, "sha256", run.Sha256[..2], run.Sha256[2..]), [1, 2, 3], Cancellation);
            var corrupt = await Assert.ThrowsAsync<ModelRegistryException>(() => tracking.DownloadModelAsync(resolved, into, Cancellation).Within());
            Assert.Contains("corrupt", corrupt.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(into));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
            Directory.Delete(into, recursive: true);
        }
    }

    [Fact]
    public async Task DownloadAsync_BytesChangedInTransit_ThrowsAndKeepsNothing()
    {
        var into = Directory.CreateTempSubdirectory("registry-sdk-transit-").FullName;
        try
        {
            await using var collector = await RegistryCollector.StartAsync("registry_sdk_transit");
            var run = await collector.SeedRunAsync("churn-exp");
            await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });
            using var tampering = new TamperingHandler();
            var client = new ModelRegistryClient(collector.Host.HttpEndpoint, [], tampering);
            var version = await client.ResolveAsync("models:/churn/1", Cancellation).Within();

            await Assert.ThrowsAsync<InvalidDataException>(() => client.DownloadAsync(version, into, Cancellation).Within());

            Assert.Empty(Directory.GetFiles(into));
        }
        finally
        {
            Directory.Delete(into, recursive: true);
        }
    }

    /// <summary>Flips a byte of every artifact body, as a broken proxy would.</summary>
    private sealed class TamperingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/artifact", StringComparison.Ordinal))
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                bytes[0] ^= 0xFF;
                response.Content = new ByteArrayContent(bytes);
            }

            return response;
        }
    }
}
