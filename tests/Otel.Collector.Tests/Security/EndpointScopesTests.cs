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
    [InlineData("GET", "/api/runs", "read,registry,approve")]
    [InlineData("GET", "/API/Runs/x", "read,registry,approve")]
    [InlineData("GET", "/metrics", "read,registry,approve")]
    [InlineData("GET", "/healthz/extra", "read,registry,approve")]
    [InlineData("GET", "/", "read,registry,approve")]
    [InlineData("POST", "/anything", "admin")]
    public void Required_ProtectedEndpoints_NeedTheirScope(string method, string path, string expected) =>
        Assert.Equal(Scopes(expected), EndpointScopes.Required(method, path));

    [Theory]
    [InlineData("GET", "/api/models", "read,registry,approve")]
    [InlineData("HEAD", "/api/models/churn/versions/1/artifact", "read,registry,approve")]
    [InlineData("GET", "/api/models/churn/gates", "read,registry,approve")]
    [InlineData("POST", "/api/models/churn/versions", "registry")]
    [InlineData("PATCH", "/api/models/churn", "registry")]
    [InlineData("PATCH", "/api/models/churn/versions/2", "registry")]
    [InlineData("PUT", "/api/models/churn/aliases/staging", "registry")]
    [InlineData("DELETE", "/api/models/churn/aliases/staging", "registry")]
    [InlineData("POST", "/api/models/churn/versions/2/promotions", "registry")]
    [InlineData("POST", "/api/models/churn/versions/2/deployments", "registry")]
    [InlineData("POST", "/api/models/churn/versions/2/approvals", "approve")]
    [InlineData("POST", "/API/Models/churn/Versions/2/Approvals", "approve")]
    [InlineData("PUT", "/api/models/churn/gates/production", "admin")]
    [InlineData("DELETE", "/api/models/churn/gates/production", "admin")]
    [InlineData("POST", "/api/models/gates/versions/1/approvals", "approve")]
    public void Required_ModelRoutes_NeedTheirScope(string method, string path, string expected) =>
        Assert.Equal(Scopes(expected), EndpointScopes.Required(method, path));

    [Theory]
    [InlineData("PATCH", "/api/runs/r1", "registry")]
    [InlineData("PUT", "/api/runs/r1/tags/team", "registry")]
    [InlineData("DELETE", "/api/runs/r1/tags/delete", "registry")]
    [InlineData("POST", "/api/runs/r1/archive", "registry")]
    [InlineData("POST", "/api/runs/r1/restore", "registry")]
    [InlineData("POST", "/api/runs/r1/delete", "admin")]
    [InlineData("POST", "/api/runs/r1/hold", "admin")]
    [InlineData("POST", "/api/runs/r1/Release", "admin")]
    [InlineData("POST", "/api/runs", "admin")]
    [InlineData("PUT", "/api/retention/exp", "admin")]
    [InlineData("GET", "/api/retention", "read,registry,approve")]
    public void Required_RunLifecycleAndRetention_NeedTheirScope(string method, string path, string expected) =>
        Assert.Equal(Scopes(expected), EndpointScopes.Required(method, path));

    [Theory]
    [InlineData("POST", "/api/models/churn/versions", "churn")]
    [InlineData("PUT", "/api/models/a%2Fb/aliases/x", "a/b")]
    [InlineData("GET", "/api/models/churn", null)]
    [InlineData("POST", "/api/runs/r1/archive", null)]
    [InlineData("POST", "/api/models", null)]
    public void WrittenModel_WritesUnderAModel_NameIt(string method, string path, string? expected) =>
        Assert.Equal(expected, EndpointScopes.WrittenModel(method, path));

    [Theory]
    [InlineData("registry", "registry", true)]
    [InlineData("registry", "approve", false)]
    [InlineData("registry", "admin", false)]
    [InlineData("approve", "approve", true)]
    [InlineData("approve", "registry", false)]
    [InlineData("read", "registry", false)]
    [InlineData("read", "approve", false)]
    [InlineData("admin", "registry", true)]
    [InlineData("admin", "approve", true)]
    [InlineData("registry", "read,registry,approve", true)]
    [InlineData("approve", "read,registry,approve", true)]
    [InlineData("ingest", "read,registry,approve", false)]
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
