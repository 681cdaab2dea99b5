using System.Data.Common;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.Utility;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>Real ClickHouse clients against the endpoint: the official .NET driver here, the official JavaScript client in <see cref="SqlEndpointJavaScriptClientTests"/>.</summary>
public sealed class SqlEndpointClientTests(SqlEndpointFixture fixture) : IClassFixture<SqlEndpointFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClickHouseDriver_QueriesWithParameters_ReadsRowsAndTypes()
    {
        var sql = fixture.Collector;
        await using var connection = new ClickHouseConnection($"Host={sql.Endpoint.Host};Port={sql.Endpoint.Port};Database={sql.Database};Username=grafana;Password=unused");
        await connection.OpenAsync(Cancel).WaitAsync(TestTimeouts.Default, Cancel);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT {n:UInt32} + 1 AS answer, name, now64(3) AS at FROM system.tables WHERE database = currentDatabase() AND name = {table:String}";
        command.AddParameter("n", 41);
        command.AddParameter("table", "ml_runs");

        await using var reader = await command.ExecuteReaderAsync(Cancel).WaitAsync(TestTimeouts.Default, Cancel);

        Assert.True(await reader.ReadAsync(Cancel));
        Assert.Equal(42L, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ml_runs", reader.GetString(1));
        Assert.IsType<DateTime>(reader.GetValue(2));
        Assert.False(await reader.ReadAsync(Cancel));
    }

    [Fact]
    public async Task ClickHouseDriver_Write_ThrowsWithReadonlyCode()
    {
        var sql = fixture.Collector;
        await using var connection = new ClickHouseConnection($"Host={sql.Endpoint.Host};Port={sql.Endpoint.Port};Database={sql.Database}");
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TABLE ml_runs";

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync(Cancel).WaitAsync(TestTimeouts.Default, Cancel));

        Assert.Equal(164, refused.ErrorCode);
        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
    }
}
