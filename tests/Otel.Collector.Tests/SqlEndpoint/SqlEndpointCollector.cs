using System.Net.Http.Headers;
using System.Text;
using Otel.Collector.Hosting;
using Otel.Collector.SqlEndpoint;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>A real collector (ports 0, its own embedded database) with the SQL endpoint on a port of its own, and a raw HTTP client for it.</summary>
internal sealed class SqlEndpointCollector : IAsyncDisposable
{
    private SqlEndpointCollector(RunningCollector collector)
    {
        Collector = collector;
        Endpoint = collector.Host.SqlEndpoint ?? throw new InvalidOperationException("the SQL endpoint did not start");
        Http = new HttpClient { BaseAddress = Endpoint, Timeout = TestTimeouts.Default };
    }

    public RunningCollector Collector { get; }

    public Uri Endpoint { get; }

    public HttpClient Http { get; }

    public string Database => Collector.Store.Database;

    public static async Task<SqlEndpointCollector> StartAsync(string name, Action<SqlEndpointOptions>? configure = null, Action<CollectorOptions>? collector = null)
    {
        var running = await RunningCollector.StartAsync(name, o =>
        {
            o.SqlEndpoint.Port = 0;
            configure?.Invoke(o.SqlEndpoint);
            collector?.Invoke(o);
        });
        return new SqlEndpointCollector(running);
    }

    /// <summary>POSTs <paramref name="sql"/> as the body with the URL parameters given (name=value&amp;…, already escaped).</summary>
    public async Task<HttpResponseMessage> PostAsync(string sql, string parameters = "", string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, parameters.Length == 0 ? "/" : "/?" + parameters)
        {
            Content = new StringContent(sql, Encoding.UTF8, "text/plain"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-ClickHouse-Key", key);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
    }

    public async Task<string> QueryTextAsync(string sql, string parameters = "")
    {
        using var response = await PostAsync(sql, parameters);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Collector.DisposeAsync();
    }
}
