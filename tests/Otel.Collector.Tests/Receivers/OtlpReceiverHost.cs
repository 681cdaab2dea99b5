using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otel.Collector.Ingest;
using Otel.Collector.Receivers;

namespace Otel.Collector.Tests.Receivers;

/// <summary>
/// The receivers on a real Kestrel: one HTTP/2-only loopback endpoint for gRPC and one
/// HTTP/1.1+2 endpoint for OTLP/HTTP, both on port 0, in front of a <see cref="FakeOtlpIngest"/>.
/// </summary>
internal sealed class OtlpReceiverHost : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private OtlpReceiverHost(WebApplication app, FakeOtlpIngest ingest, Uri grpcAddress, Uri httpAddress)
    {
        _app = app;
        Ingest = ingest;
        GrpcAddress = grpcAddress;
        HttpAddress = httpAddress;
    }

    public FakeOtlpIngest Ingest { get; }

    public IServiceProvider Services => _app.Services;

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    public static async Task<OtlpReceiverHost> StartAsync(Action<OtlpReceiverOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? grpc = null;
        ListenOptions? http = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, o => (grpc = o).Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, o => (http = o).Protocols = HttpProtocols.Http1AndHttp2);
        });

        var ingest = new FakeOtlpIngest();
        builder.Services.AddSingleton<IOtlpIngest>(ingest);
        builder.Services.AddOtlpReceivers(configure);

        var app = builder.Build();
        app.MapOtlpReceivers();
        await app.StartAsync().WaitAsync(Timeout);

        // Kestrel writes the bound port back into the listen options.
        return new OtlpReceiverHost(app, ingest, Address(grpc!), Address(http!));
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = HttpAddress, Timeout = Timeout };

    public GrpcChannel CreateGrpcChannel() => GrpcChannel.ForAddress(GrpcAddress);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }

    private static Uri Address(ListenOptions options) => new($"http://127.0.0.1:{options.IPEndPoint!.Port}");
}
