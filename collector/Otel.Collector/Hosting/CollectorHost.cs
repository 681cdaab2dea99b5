using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otel.Collector.Artifacts;
using Otel.Collector.Audit;
using Otel.Collector.ClickHouse;
using Otel.Collector.Ingest;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Processors;
using Otel.Collector.Production.Drift;
using Otel.Collector.Production.Slo;
using Otel.Collector.Production.Cost;
using Otel.Collector.Production.Linkage;
using Otel.Collector.Production.Increments;
using Otel.Collector.Production.Status;
using Otel.Collector.Provenance;
using Otel.Collector.Query;
using Otel.Collector.Receivers;
using Otel.Collector.Redaction;
using Otel.Collector.Registry;
using Otel.Collector.Registry.Governance;
using Otel.Collector.Retention;
using Otel.Collector.Runs;
using Otel.Collector.Runs.Lifecycle;
using Otel.Collector.Security;
using Otel.Collector.SqlEndpoint;
using Otel.Collector.Telemetry;
using Otel.Collector.Webhooks;

namespace Otel.Collector.Hosting;

/// <summary>
/// A running collector: OTLP gRPC on one port, OTLP HTTP plus the query API and health on another,
/// the export pipeline into ClickHouse and the jobs host (lost runs, completeness). Used by <c>otel-track serve</c>,
/// by <c>demo</c> in-process, and by the end-to-end tests on port 0.
/// </summary>
internal sealed class CollectorHost : IAsyncDisposable
{
    /// <summary>The longest request line the HTTP port takes: 64 KiB, room for a 4096-character filter however it is encoded.</summary>
    public const int RequestLineLimit = 64 * 1024;

    private readonly WebApplication _app;
    private readonly IClickHouseStore _store;
    private readonly bool _ownsStore;

    private CollectorHost(WebApplication app, IClickHouseStore store, bool ownsStore, Uri grpc, Uri http)
    {
        _app = app;
        _store = store;
        _ownsStore = ownsStore;
        GrpcEndpoint = grpc;
        HttpEndpoint = http;
    }

    public Uri GrpcEndpoint { get; }

    public Uri HttpEndpoint { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The read-only SQL endpoint (<c>--sql-port</c>), or null when it is off.</summary>
    public Uri? SqlEndpoint => _app.Services.GetService<SqlEndpointServer>()?.Endpoint;

    /// <summary>Where data is stored, without credentials.</summary>
    public string StorageDescription => _store.Description;

    /// <summary>
    /// Opens storage (applying migrations) and starts serving. With <paramref name="store"/> the
    /// caller keeps ownership of an already-open store (tests share one embedded engine).
    /// </summary>
    public static async Task<CollectorHost> StartAsync(CollectorOptions options, IClickHouseStore? store = null, CancellationToken cancellationToken = default)
    {
        var errors = CollectorOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("invalid collector configuration: " + string.Join("; ", errors));
        }

        var ownsStore = store is null;
        store ??= await OpenStoreAsync(options, cancellationToken);
        try
        {
            var app = Build(options, store);
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var (grpc, http) = ResolveEndpoints(addresses, options);
            return new CollectorHost(app, store, ownsStore, grpc, http);
        }
        catch
        {
            if (ownsStore)
            {
                await store.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Graceful stop: stop accepting, answer in-flight requests, write everything queued.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) => await _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>
    /// Opens storage. A ClickHouse server that cannot be reached yet does not stop the collector: it starts over a
    /// <see cref="DeferredStore"/>, spools what arrives, and stores it once the server answers. A local engine that
    /// cannot open is a fault of this machine and stops the start.
    /// </summary>
    private static async Task<IClickHouseStore> OpenStoreAsync(CollectorOptions options, CancellationToken cancellationToken)
    {
        var storeOptions = StoreOptions(options);
        try
        {
            return await ClickHouseStoreFactory.OpenAsync(storeOptions, options.Time, cancellationToken);
        }
        catch (Exception ex) when (options.ClickHouseUrl is { } url && ex is ClickHouseException or HttpRequestException or TimeoutException)
        {
            var endpoint = Otel.Collector.ClickHouse.Server.ClickHouseServerEndpoint.Parse(url);
            return new DeferredStore(
                $"ClickHouse server {endpoint.Redacted}, database {endpoint.Database ?? options.Database}", endpoint.Database ?? options.Database, ex,
                ct => ClickHouseStoreFactory.OpenAsync(storeOptions, options.Time, ct), options.Time, TimeSpan.FromSeconds(1));
        }
    }

    private static ClickHouseStoreOptions StoreOptions(CollectorOptions options) => new()
    {
        DataPath = options.DataPath,
        ServerUrl = options.ClickHouseUrl,
        Cluster = options.Cluster,
        Database = options.Database,
    };

    private static WebApplication Build(CollectorOptions options, IClickHouseStore store)
    {
        // The collector is configured by its options, not by appsettings.json. The default content root (the current
        // directory) with reload-on-change put a recursive inotify watch on it: started from /tmp that was 4,962 watches,
        // one more for every part directory ClickHouse created under it, and a busy watcher thread under load.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel);
        builder.Services.PostConfigure<LoggerFilterOptions>(RequestUrlLogging.Silence);

        // Logs go to stderr: stdout belongs to the commands that host a collector and print JSON (demo, bench).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.Receivers.MaxRequestBodyBytes;
            // A filter of RunFilterLimits.MaxLength characters, each percent-encoded UTF-8 (up to 9 bytes), must fit in
            // the request line of GET /api/runs; Kestrel's default 8 KB answers 414 first.
            kestrel.Limits.MaxRequestLineSize = RequestLineLimit;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(options.Receivers.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
            var certificate = kestrel.ApplicationServices.GetRequiredService<ServerCertificate>().Certificate;
            Listen(kestrel, options.Host, options.GrpcPort, HttpProtocols.Http2, certificate);
            // Cleartext: HTTP/2 without TLS cannot be negotiated on a shared port, so OTLP/HTTP and the API speak HTTP/1.1;
            // with TLS, ALPN negotiates either.
            Listen(kestrel, options.Host, options.HttpPort, certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2, certificate);
        });

        var services = builder.Services;
        services.AddSingleton(store);
        services.AddSingleton(options.Time);
        if (string.IsNullOrEmpty(options.Pipeline.SpoolDirectory))
        {
            options.Pipeline.SpoolDirectory = Path.Combine(options.DataPath, "spool");
        }

        services.AddSingleton(options.Pipeline);
        services.AddSingleton(options.LostRuns);
        services.AddSingleton<ExportPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportPipeline>());
        services.AddSingleton(options.Completeness);

        // After the pipeline, so the host stops first and a job's last rows still reach the spool.
        services.AddJobsHost(options.Jobs);
        services.AddJob<LostRunJob>();
        services.AddJob<CompletenessJob>();
        services.AddAuditTrail(options.Audit);
        services.AddModelRegistry();
        services.AddWebhookNotifier(options.Webhook);
        services.AddModelGovernance();
        services.AddRunLifecycle(options.Lifecycle, ClickHouseStoreFactory.SchemaOf(StoreOptions(options)));
        services.AddRetention(options.Retention);
        services.AddServingIncrements();
        services.AddDrift(options.Drift);
        services.AddSlos(options.Slos);
        services.AddCost(options.Cost);
        services.AddProductionLinkage();
        services.AddProductionStatus();
        services.AddSingleton(new SecretRedactor(options.Redaction));
        services.AddSingleton(sp => IngestProcessors.InOrder(sp.GetRequiredService<SecretRedactor>()));
        services.AddCollectorTelemetry(options.SelfMetricsInterval);
        services.AddSingleton<OtlpIngestService>();
        services.AddSingleton<IOtlpIngest>(sp => new MeteredOtlpIngest(sp.GetRequiredService<OtlpIngestService>(), sp.GetRequiredService<CollectorMeter>()));
        services.AddSingleton<RunQueries>();
        services.AddSingleton<LineageQueries>();
        services.AddSingleton<StatsQueries>();
        services.AddSingleton<RunBaselineQueries>();
        services.AddCollectorSecurity(options.Security, options.DataPath);
        services.AddOtlpReceivers(receivers => CopyReceiverOptions(options.Receivers, receivers));
        services.AddSqlEndpoint(options.SqlEndpoint, options.Host);
        services.AddArtifactStore(artifacts =>
        {
            artifacts.Directory = options.Artifacts.Directory is { Length: > 0 } directory ? directory : Path.Combine(options.DataPath, "artifacts");
            artifacts.MaxArtifactBytes = options.Artifacts.MaxArtifactBytes;
            artifacts.S3 = options.Artifacts.S3;
        });

        var app = builder.Build();
        if (store is DeferredStore { IsOpen: false } deferred)
        {
            StorageLog.StorageDeferred(app.Logger, deferred.Description);
        }

        app.UseRequestMetrics();
        app.UsePathParameterDecoding();
        app.UseApiKeys();
        app.MapOtlpReceivers();
        app.MapQueryApi();
        app.MapAuditApi();
        app.MapRegistryApi();
        app.MapGovernanceApi();
        app.MapRunLifecycleApi();
        app.MapRetentionApi();
        app.MapDriftApi();
        app.MapSloApi();
        app.MapArtifactApi();
        app.MapLinkageApi();
        app.MapProductionStatusApi();
        app.MapHealthEndpoints();
        app.MapCollectorMetrics();
        return app;
    }

    private static void CopyReceiverOptions(OtlpReceiverOptions from, OtlpReceiverOptions to)
    {
        to.MaxRequestBodyBytes = from.MaxRequestBodyBytes;
        to.MaxJsonDepth = from.MaxJsonDepth;
        to.MaxConcurrentRequests = from.MaxConcurrentRequests;
        to.MaxQueuedRequests = from.MaxQueuedRequests;
        to.MaxBufferedBodyBytes = from.MaxBufferedBodyBytes;
        to.MinRequestBodyBytesPerSecond = from.MinRequestBodyBytesPerSecond;
        from.Limits.CopyTo(to.Limits);
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols, X509Certificate2? certificate)
    {
        void Configure(ListenOptions listen)
        {
            listen.Protocols = protocols;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }

        if (host == "localhost")
        {
            kestrel.ListenLocalhost(port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(host), port, Configure);
        }
    }

    /// <summary>Kestrel reports bound addresses in listen order: gRPC first, then HTTP.</summary>
    private static (Uri Grpc, Uri Http) ResolveEndpoints(ICollection<string> addresses, CollectorOptions options)
    {
        var bound = addresses.Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal))).ToList();
        if (bound.Count < 2)
        {
            throw new InvalidOperationException($"the collector bound {bound.Count} address(es), expected 2 (gRPC and HTTP)");
        }

        var grpc = options.GrpcPort != 0 ? bound.First(u => u.Port == options.GrpcPort) : bound[0];
        var http = options.HttpPort != 0 ? bound.First(u => u.Port == options.HttpPort) : bound.First(u => u != grpc);
        return (grpc, http);
    }
}
