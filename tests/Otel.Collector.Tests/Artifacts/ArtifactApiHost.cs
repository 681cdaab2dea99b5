using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Otel.Collector.Artifacts;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Artifacts;

/// <summary>The artifact API on a real Kestrel (127.0.0.1, port 0, HTTP/1.1 as the collector serves it) over a filesystem store.</summary>
internal sealed class ArtifactApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ArtifactApiHost(WebApplication app, Uri address, ArtifactTestData.TempDir directory)
    {
        _app = app;
        Address = address;
        Directory = directory;
    }

    public Uri Address { get; }

    public ArtifactTestData.TempDir Directory { get; }

    public static async Task<ArtifactApiHost> StartAsync(long maxArtifactBytes = ArtifactStoreOptions.DefaultMaxArtifactBytes)
    {
        var directory = ArtifactTestData.NewDirectory();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? http = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Like the collector: a small global body limit (OTLP), which the artifact API raises per request.
            kestrel.Limits.MaxRequestBodySize = 1024;
            kestrel.Listen(IPAddress.Loopback, 0, o => (http = o).Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddArtifactStore(o =>
        {
            o.Directory = directory.Path;
            o.MaxArtifactBytes = maxArtifactBytes;
        });

        var app = builder.Build();
        app.MapArtifactApi();
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        return new ArtifactApiHost(app, new Uri($"http://127.0.0.1:{http!.IPEndPoint!.Port}/"), directory);
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TestTimeouts.Default };

    public string StoredPath(string sha256) => Path.Combine(Directory.Path, "sha256", sha256[..2], sha256[2..]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TestTimeouts.Default);
        await _app.DisposeAsync();
        Directory.Dispose();
    }
}
