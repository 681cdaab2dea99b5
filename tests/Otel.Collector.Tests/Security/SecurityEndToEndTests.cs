using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Otel.Collector.Security;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Receivers;

namespace Otel.Collector.Tests.Security;

/// <summary>API keys on a real collector over real sockets: OTLP/HTTP, OTLP/gRPC, the query API, artifacts, /metrics.</summary>
public sealed class SecurityEndToEndTests
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoKeyFile_EveryEndpointOpen()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_open", withKeys: false);

        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "api/runs", key: null));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Post, "v1/traces", key: null, TracesBody()));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "metrics", key: null));
        Assert.Equal(StatusCode.OK, await secured.GrpcExportAsync(key: null));
    }

    [Theory]
    [InlineData("POST", "v1/traces", "ingest", "read")]
    [InlineData("GET", "api/runs", "read", "ingest")]
    [InlineData("GET", "api/experiments", "read", "ingest")]
    [InlineData("GET", "metrics", "read", "ingest")]
    public async Task Http_KeysExist_MissingOrUnknown401_WrongScope403_RightScopeOrAdmin200(string method, string path, string rightScope, string wrongScope)
    {
        Assert.True(ApiKeyScopes.TryParse(rightScope, out var right));
        Assert.True(ApiKeyScopes.TryParse(wrongScope, out var wrong));
        await using var secured = await SecuredCollector.StartAsync("sec_http");
        var unknown = ApiKeySecret.Generate();
        var verb = new HttpMethod(method);
        HttpContent? Body() => method == "POST" ? TracesBody() : null;

        Assert.Equal(HttpStatusCode.Unauthorized, await secured.StatusAsync(verb, path, key: null, Body()));
        Assert.Equal(HttpStatusCode.Unauthorized, await secured.StatusAsync(verb, path, unknown, Body()));
        Assert.Equal(HttpStatusCode.Forbidden, await secured.StatusAsync(verb, path, secured.Keys[wrong], Body()));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(verb, path, secured.Keys[right], Body()));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(verb, path, secured.Admin, Body()));
    }

    [Fact]
    public async Task Http_Denied_ExplainsWithoutEchoingTheKey()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_body");
        var unknown = ApiKeySecret.Generate();
        using var anonymous = secured.Client(key: null);
        using var stranger = secured.Client(unknown);
        using var reader = secured.Client(secured.Read);

        using var missing = await anonymous.GetAsync("api/runs", Ct).WaitAsync(TestTimeouts.Default, Ct);
        using var rejected = await stranger.GetAsync("api/runs", Ct).WaitAsync(TestTimeouts.Default, Ct);
        using var forbidden = await reader.PostAsync("v1/traces", TracesBody(), Ct).WaitAsync(TestTimeouts.Default, Ct);

        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("OTEL_TRACK_API_KEY", await ErrorAsync(missing), StringComparison.Ordinal);
        var unknownText = await rejected.Content.ReadAsStringAsync(Ct);
        Assert.Contains("not valid", unknownText, StringComparison.Ordinal);
        Assert.DoesNotContain(unknown, unknownText, StringComparison.Ordinal);
        var forbiddenText = await forbidden.Content.ReadAsStringAsync(Ct);
        Assert.Contains("'read' has scope read; POST /v1/traces needs ingest", forbiddenText, StringComparison.Ordinal);
        Assert.DoesNotContain(secured.Read, forbiddenText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_KeysExist_Unauthenticated_PermissionDenied_Ok()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_grpc");

        Assert.Equal(StatusCode.Unauthenticated, await secured.GrpcExportAsync(key: null));
        Assert.Equal(StatusCode.Unauthenticated, await secured.GrpcExportAsync(ApiKeySecret.Generate()));
        Assert.Equal(StatusCode.PermissionDenied, await secured.GrpcExportAsync(secured.Read));
        Assert.Equal(StatusCode.OK, await secured.GrpcExportAsync(secured.Ingest));
        Assert.Equal(StatusCode.OK, await secured.GrpcExportAsync(secured.Admin));
    }

    [Fact]
    public async Task Health_KeysExist_StaysOpen()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_health");

        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "healthz", key: null));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "readyz", key: null));
    }

    [Fact]
    public async Task Artifacts_UploadNeedsIngest_DownloadNeedsRead()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_artifacts");
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024);
        var path = "api/artifacts/" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        Assert.Equal(HttpStatusCode.Forbidden, await secured.StatusAsync(HttpMethod.Put, path, secured.Read, new ByteArrayContent(bytes)));
        Assert.Equal(HttpStatusCode.Created, await secured.StatusAsync(HttpMethod.Put, path, secured.Ingest, new ByteArrayContent(bytes)));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Head, path, secured.Ingest));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Head, path, secured.Read));
        Assert.Equal(HttpStatusCode.Forbidden, await secured.StatusAsync(HttpMethod.Get, path, secured.Ingest));
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, path, secured.Read));
        Assert.Equal(HttpStatusCode.Unauthorized, await secured.StatusAsync(HttpMethod.Get, path, key: null));
    }

    [Fact]
    public async Task Metrics_AfterDenials_CountedByReasonAndTransport()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_metrics");
        await secured.StatusAsync(HttpMethod.Get, "api/runs", key: null);
        await secured.StatusAsync(HttpMethod.Post, "v1/traces", key: null, TracesBody());
        await secured.StatusAsync(HttpMethod.Get, "api/runs", ApiKeySecret.Generate());
        await secured.StatusAsync(HttpMethod.Get, "api/runs", secured.Ingest);
        await secured.GrpcExportAsync(key: null);
        await secured.GrpcExportAsync(secured.Read);

        using var reader = secured.Client(secured.Read);
        using var response = await reader.GetAsync("metrics", Ct).WaitAsync(TestTimeouts.Default, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE otel_track_requests_denied_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_requests_denied_total{reason=\"missing\",transport=\"http\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_requests_denied_total{reason=\"unknown\",transport=\"http\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_requests_denied_total{reason=\"scope\",transport=\"http\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_requests_denied_total{reason=\"missing\",transport=\"grpc\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_requests_denied_total{reason=\"scope\",transport=\"grpc\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE otel_track_redactions_total counter\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secured.Read, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_WhileRunning_KeyRefusedWithoutRestart()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_revoke");
        var temporary = secured.Store.Create("temporary", ApiKeyScope.Read);
        await EventuallyStatusAsync(secured, temporary.Key, HttpStatusCode.OK);

        secured.Store.RevokeByName("temporary");

        await EventuallyStatusAsync(secured, temporary.Key, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "api/runs", secured.Read));
    }

    [Fact]
    public async Task CreateFirstKey_WhileRunningOpen_KeysBecomeRequiredWithoutRestart()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_first_key", withKeys: false);
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "api/runs", key: null));

        var created = secured.Store.Create("first", ApiKeyScope.Read);

        await EventuallyStatusAsync(secured, key: null, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "api/runs", created.Key));
    }

    /// <summary>Polls until the key file change shows; the collector looks at the file at most once a second.</summary>
    private static async Task EventuallyStatusAsync(SecuredCollector secured, string? key, HttpStatusCode expected) =>
        await RunningCollector.EventuallyAsync(() => secured.StatusAsync(HttpMethod.Get, "api/runs", key), s => s == expected, ReloadWait);

    private static ByteArrayContent TracesBody()
    {
        var content = new ByteArrayContent(OtlpTestRequests.Traces().ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
