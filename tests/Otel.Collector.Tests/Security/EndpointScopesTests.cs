using Otel.Collector.Security;

namespace Otel.Collector.Tests.Security;

public sealed class EndpointScopesTests
{
    [Theory]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/readyz")]
    [InlineData("GET", "/HEALTHZ")]
    public void Required_HealthEndpoints_AreOpen(string method, string path) =>
        Assert.Null(EndpointScopes.Required(method, path));

    [Theory]
    [InlineData("POST", "/v1/traces", "ingest")]
    [InlineData("POST", "/v1/metrics", "ingest")]
    [InlineData("POST", "/V1/logs", "ingest")]
    [InlineData("POST", "/opentelemetry.proto.collector.trace.v1.TraceService/Export", "ingest")]
    [InlineData("PUT", "/api/artifacts/abc", "ingest")]
    [InlineData("HEAD", "/api/artifacts/abc", "ingest,read")]
    [InlineData("GET", "/api/artifacts/abc", "read")]
    [InlineData("DELETE", "/api/artifacts/abc", "admin")]
    [InlineData("GET", "/api/runs", "read")]
    [InlineData("GET", "/API/Runs/x", "read")]
    [InlineData("POST", "/api/models/x/promote", "admin")]
    [InlineData("GET", "/metrics", "read")]
    [InlineData("GET", "/healthz/extra", "read")]
    [InlineData("GET", "/", "read")]
    [InlineData("POST", "/anything", "admin")]
    public void Required_ProtectedEndpoints_NeedTheirScope(string method, string path, string expected) =>
        Assert.Equal(Scopes(expected), EndpointScopes.Required(method, path));

    [Theory]
    [InlineData("admin", "ingest", true)]
    [InlineData("admin", "read", true)]
    [InlineData("admin", "admin", true)]
    [InlineData("ingest", "ingest", true)]
    [InlineData("ingest", "read", false)]
    [InlineData("ingest", "admin", false)]
    [InlineData("read", "read", true)]
    [InlineData("read", "ingest", false)]
    [InlineData("read", "ingest,read", true)]
    [InlineData("ingest", "ingest,read", true)]
    public void Grants_ScopeAgainstRequirement(string key, string required, bool granted) =>
        Assert.Equal(granted, Scopes(key).Grants(Scopes(required)));

    private static ApiKeyScope Scopes(string names) => names.Split(',').Aggregate((ApiKeyScope)0, (all, name) =>
        ApiKeyScopes.TryParse(name, out var scope) ? all | scope : throw new ArgumentException(name, nameof(names)));
}
