using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Redaction;
using Otel.Collector.Security;
using Otel.Collector.Telemetry;
using Otel.Collector.Tests.Telemetry;

namespace Otel.Collector.Tests.Security;

/// <summary>The middleware alone, on in-memory requests: answers, counts and logs.</summary>
public sealed class ApiKeyMiddlewareTests : IDisposable
{
    private readonly SecurityTestFiles _files = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ListLogger<ApiKeyMiddleware> _log = new();
    private readonly CollectorMeter _meter;
    private readonly InstrumentRecorder _recorded;
    private readonly ApiKeyStore _store;
    private bool _nextCalled;

    public ApiKeyMiddlewareTests()
    {
        _meter = new CollectorMeter(_services.GetRequiredService<IMeterFactory>(), SecretRedactor.CreateDefault());
        _recorded = new InstrumentRecorder(_meter.Meter);
        _store = new ApiKeyStore(_files.KeysFile, TimeProvider.System);
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _services.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Invoke_NoKeyFile_PassesEverythingThrough()
    {
        var context = Request("GET", "/api/runs");

        await Middleware().InvokeAsync(context);

        Assert.True(_nextCalled);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Invoke_HttpWithoutKey_401WithReasonCountedAndLogged()
    {
        _store.Create("admin", ApiKeyScope.Admin);
        var context = Request("POST", "/v1/traces");

        await Middleware().InvokeAsync(context);

        Assert.False(_nextCalled);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.StartsWith("Bearer", context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("requires an API key", Error(context), StringComparison.Ordinal);
        Assert.Equal(1, _recorded.Sum(CollectorMeter.RequestsDenied, ("reason", "missing"), ("transport", "http")));
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level);
        Assert.Contains("/v1/traces", entry.Text, StringComparison.Ordinal);
        Assert.Contains("missing", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownKey_401AndTheKeyIsNeitherLoggedNorEchoed()
    {
        _store.Create("admin", ApiKeyScope.Admin);
        var presented = ApiKeySecret.Generate();
        var context = Request("GET", "/api/runs", presented);

        await Middleware().InvokeAsync(context);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.DoesNotContain(presented, Error(context), StringComparison.Ordinal);
        Assert.Contains("unknown", Assert.Single(_log.Entries).Text, StringComparison.Ordinal);
        Assert.All(_log.Entries, e => Assert.DoesNotContain(presented, e.Text, StringComparison.Ordinal));
        Assert.Equal(1, _recorded.Sum(CollectorMeter.RequestsDenied, ("reason", "unknown"), ("transport", "http")));
    }

    [Fact]
    public async Task Invoke_WrongScope_403NamingTheKeyButNotShowingIt()
    {
        var read = _store.Create("dashboards", ApiKeyScope.Read);
        var context = Request("PUT", "/api/artifacts/abc", read.Key);

        await Middleware().InvokeAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal("the API key 'dashboards' has scope read; PUT /api/artifacts/abc needs ingest", Error(context));
        var entry = Assert.Single(_log.Entries).Text;
        Assert.Contains("dashboards", entry, StringComparison.Ordinal);
        Assert.DoesNotContain(read.Key, entry, StringComparison.Ordinal);
        Assert.DoesNotContain(read.Record.Sha256, entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_RightScope_PassesWithTheKeyAsUser()
    {
        var ingest = _store.Create("trainer", ApiKeyScope.Ingest);
        var context = Request("POST", "/v1/metrics", "bearer  " + ingest.Key + " ");

        await Middleware().InvokeAsync(context);

        Assert.True(_nextCalled);
        Assert.Equal("trainer", context.User.Identity?.Name);
        Assert.True(context.User.HasClaim(ApiKeyMiddleware.ScopeClaim, "ingest"));
        Assert.Empty(_log.Entries);
    }

    [Theory]
    [InlineData("POST", "/api/models/churn/versions", true)]
    [InlineData("PUT", "/api/models/churn/aliases/staging", true)]
    [InlineData("GET", "/api/models/fraud", true)]
    [InlineData("POST", "/api/models/fraud/versions", false)]
    [InlineData("PATCH", "/api/runs/r1", false)]
    public async Task Invoke_KeyRestrictedToAModel_WritesOnlyThere(string method, string path, bool passes)
    {
        var restricted = _store.Create("churn-team", ApiKeyScope.Registry, models: ["churn"]);
        var context = Request(method, path, restricted.Key);

        await Middleware().InvokeAsync(context);

        Assert.Equal(passes, _nextCalled);
        if (!passes)
        {
            Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
            Assert.Equal($"the API key 'churn-team' may write only to the models churn; {method} {path} is outside them: use a key for that model", Error(context));
            Assert.Equal(1, _recorded.Sum(CollectorMeter.RequestsDenied, ("reason", "scope"), ("transport", "http")));
        }
    }

    [Fact]
    public async Task Invoke_HealthWithKeysRequired_Open()
    {
        _store.Create("admin", ApiKeyScope.Admin);
        var context = Request("GET", "/healthz");

        await Middleware().InvokeAsync(context);

        Assert.True(_nextCalled);
    }

    [Theory]
    [InlineData(null, "16")]
    [InlineData("unknown", "16")]
    [InlineData("read", "7")]
    public async Task Invoke_Grpc_TrailersOnlyStatus(string? key, string grpcStatus)
    {
        _store.Create("admin", ApiKeyScope.Admin);
        var presented = key switch
        {
            null => null,
            "read" => _store.Create("reader", ApiKeyScope.Read).Key,
            _ => ApiKeySecret.Generate(),
        };
        var context = Request("POST", "/opentelemetry.proto.collector.trace.v1.TraceService/Export", presented, "application/grpc");

        await Middleware().InvokeAsync(context);

        Assert.False(_nextCalled);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/grpc", context.Response.ContentType);
        Assert.Equal(grpcStatus, context.Response.Headers["grpc-status"].ToString());
        Assert.False(string.IsNullOrEmpty(context.Response.Headers["grpc-message"].ToString()));
        Assert.Equal(0, context.Response.Body.Length);
        Assert.Equal(1, _recorded.Sum(CollectorMeter.RequestsDenied, ("reason", key == "read" ? "scope" : key ?? "missing"), ("transport", "grpc")));
    }

    [Fact]
    public void PercentEncode_NonAsciiAndPercent_Encoded() =>
        Assert.Equal("a b%25c%C3%A9", ApiKeyMiddleware.PercentEncode("a b%cé"));

    private ApiKeyMiddleware Middleware() => new(
        _ =>
        {
            _nextCalled = true;
            return Task.CompletedTask;
        },
        new ApiKeyAuthenticator(_store, new SecurityOptions(), TimeProvider.System, NullLogger<ApiKeyAuthenticator>.Instance),
        _meter,
        _log);

    private static DefaultHttpContext Request(string method, string path, string? key = null, string? contentType = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        if (key is not null)
        {
            context.Request.Headers.Authorization = key.StartsWith("bearer", StringComparison.Ordinal) ? key : "Bearer " + key;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Error(HttpContext context)
    {
        context.Response.Body.Position = 0;
        using var json = JsonDocument.Parse(context.Response.Body);
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
