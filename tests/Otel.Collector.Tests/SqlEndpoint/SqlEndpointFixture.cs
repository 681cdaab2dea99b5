namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>One collector with the SQL endpoint on its default settings, shared by the tests of a class that only read.</summary>
public sealed class SqlEndpointFixture : IAsyncLifetime
{
    private SqlEndpointCollector? _collector;

    internal SqlEndpointCollector Collector => _collector ?? throw new InvalidOperationException("the fixture has not started");

    public async ValueTask InitializeAsync() => _collector = await SqlEndpointCollector.StartAsync("sql_endpoint_shared");

    public async ValueTask DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }
}
