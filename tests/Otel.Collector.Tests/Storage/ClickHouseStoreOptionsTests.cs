using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Server;

namespace Otel.Collector.Tests.Storage;

public sealed class ClickHouseStoreOptionsTests
{
    [Fact]
    public void Validate_NeitherDataPathNorServerAndBadDatabase_ReportsEveryProblemByOptionName()
    {
        var errors = new ClickHouseStoreOptions { Database = "not-valid" }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("DataPath:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Database:", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_UseDatabaseOtel()
    {
        var options = new ClickHouseStoreOptions { DataPath = "./data" };

        Assert.Empty(options.Validate());
        Assert.Equal("otel", options.Database);
    }

    [Fact]
    public void Validate_ClusterWithoutServerAndBadName_ReportsBoth()
    {
        var errors = new ClickHouseStoreOptions { DataPath = "./data", Cluster = "prod-east" }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.StartsWith("Cluster:", error, StringComparison.Ordinal));
        Assert.Contains("needs a ClickHouse server", errors[0], StringComparison.Ordinal);
        Assert.Contains("'prod-east' is not a plain identifier", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaOf_ClusterAndDatabaseInUrl_ClusterSchemaOnThatDatabase()
    {
        var schema = ClickHouseStoreFactory.SchemaOf(new ClickHouseStoreOptions { ServerUrl = "http://node1:8123/?database=telemetry", Cluster = "prod" });

        Assert.Equal(("prod", "telemetry"), (schema.Cluster, schema.Database));
        Assert.False(ClickHouseStoreFactory.SchemaOf(new ClickHouseStoreOptions { DataPath = "./data" }).IsCluster);
    }

    [Fact]
    public void Validate_ServerUrlNotHttp_ReportsItWithoutThePassword()
    {
        var errors = new ClickHouseStoreOptions { ServerUrl = "ftp://user:hunter2@host/" }.Validate();

        Assert.StartsWith("ServerUrl:", Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Factory_InvalidOptions_ThrowsArgumentExceptionListingProblems()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() =>
            ClickHouseStoreFactory.OpenAsync(new ClickHouseStoreOptions { Database = "1bad" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("DataPath:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Database:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseServerUrl_CredentialsDatabaseAndSettings_AreSeparated()
    {
        var endpoint = ClickHouseServerEndpoint.Parse("https://ml%40team:p%40ss:word@ch.example:8443/proxy/?database=runs&async_insert=1");

        Assert.Equal("ml@team", endpoint.Username);
        Assert.Equal("p@ss:word", endpoint.Password);
        Assert.Equal("runs", endpoint.Database);
        Assert.Equal(new Dictionary<string, string> { ["async_insert"] = "1" }, endpoint.Settings);
        Assert.Equal(new Uri("https://ch.example:8443/proxy/"), endpoint.BaseUri);
        Assert.Equal("https://ml%40team@ch.example:8443/proxy/", endpoint.Redacted);
    }

    [Fact]
    public void ParseServerUrl_NoCredentials_RedactedIsHostOnly()
    {
        var endpoint = ClickHouseServerEndpoint.Parse("http://localhost:8123");

        Assert.Equal("", endpoint.Username);
        Assert.Null(endpoint.Database);
        Assert.Equal("http://localhost:8123/", endpoint.Redacted);
    }
}
