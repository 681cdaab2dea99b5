using Microsoft.AspNetCore.Http;
using Otel.Collector.Security;

namespace Otel.Collector.Tests.Production.Slo;

/// <summary>Who may do what with SLOs once API keys exist (docs/slos.md, "Who may apply").</summary>
public sealed class SloScopeTests
{
    [Fact]
    public void Apply_NeedsAdmin()
    {
        var required = EndpointScopes.Required("PUT", new PathString("/api/slos"));

        Assert.Equal(ApiKeyScope.Admin, required);
        Assert.False(ApiKeyScope.Registry.Grants(required!.Value));
        Assert.False(ApiKeyScope.Read.Grants(required.Value));
    }

    [Theory]
    [InlineData("/api/slos")]
    [InlineData("/api/slos/status")]
    [InlineData("/api/slos/compare")]
    public void Reads_NeedAReadingScope(string path)
    {
        var required = EndpointScopes.Required("GET", new PathString(path));

        Assert.Equal(EndpointScopes.Readers, required);
    }
}
