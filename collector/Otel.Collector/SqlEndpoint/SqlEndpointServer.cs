using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.Security;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// The SQL endpoint's own Kestrel server on its own port (<c>--sql-port</c>), on the collector's address and with its
/// TLS certificate when it has one. A server of its own keeps the ClickHouse protocol's root path, its request size
/// limit and its clients apart from the OTLP and API port; it shares the collector's store, keys and metrics.
/// </summary>
internal sealed class SqlEndpointServer(SqlEndpointOptions options, string host, SqlQueryHandler handler, ServerCertificate certificate, ILogger<SqlEndpointServer> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where the endpoint listens, once started: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri? Endpoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxQueryBytes;
            void Configure(ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http1;
                if (certificate.Certificate is { } tls)
                {
                    listen.UseHttps(tls);
                }
            }

            if (host == "localhost")
            {
                kestrel.ListenLocalhost(options.Port ?? 0, Configure);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(host), options.Port ?? 0, Configure);
            }
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        var bound = app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() : null;
        var address = new Uri((bound ?? throw new InvalidOperationException("the SQL endpoint bound no address"))
            .Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Endpoint = new Uri(address, "/");
        SqlEndpointLog.Listening(logger, Endpoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync();
        }
    }
}
