using System.Net;
using Otel.Collector.Security;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Security;

namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>With API keys, the SQL endpoint takes a key of scope read wherever ClickHouse clients put a password.</summary>
public sealed class SqlEndpointAuthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_WithKeys_ReadKeyInEachPlaceAcceptedOthersRefused()
    {
        await using var secured = await SecuredCollector.StartAsync(nameof(Query_WithKeys_ReadKeyInEachPlaceAcceptedOthersRefused), configure: o => o.SqlEndpoint.Port = 0);
        using var http = new HttpClient { BaseAddress = secured.Collector.Host.SqlEndpoint, Timeout = TestTimeouts.Default };

        Assert.Equal((HttpStatusCode.Unauthorized, "516"), await SendAsync(http, _ => { }));
        Assert.Equal((HttpStatusCode.Unauthorized, "516"), await SendAsync(http, r => r.Headers.Add("X-ClickHouse-Key", "not-a-key")));
        Assert.Equal((HttpStatusCode.Forbidden, "497"), await SendAsync(http, r => r.Headers.Add("X-ClickHouse-Key", secured.Ingest)));
        Assert.Equal((HttpStatusCode.OK, null), await SendAsync(http, r => r.Headers.Add("X-ClickHouse-Key", secured.Read)));
        Assert.Equal((HttpStatusCode.OK, null), await SendAsync(http, r => r.Headers.Authorization = SqlEndpointCollector.Basic("grafana", secured.Read)));
        Assert.Equal((HttpStatusCode.OK, null), await SendAsync(http, r => r.Headers.Authorization = new("Bearer", secured.Admin)));
        Assert.Equal((HttpStatusCode.OK, null), await SendAsync(http, _ => { }, "&user=grafana&password=" + Uri.EscapeDataString(secured.Read)));
        Assert.Equal((HttpStatusCode.Forbidden, "497"), await SendAsync(http, r => r.Headers.Authorization = SqlEndpointCollector.Basic("x", secured.Keys[ApiKeyScope.Registry])));
        Assert.Equal("Ok.\n", await http.GetStringAsync("/ping", Cancel).WaitAsync(TestTimeouts.Default, Cancel));
    }

    private static async Task<(HttpStatusCode, string?)> SendAsync(HttpClient http, Action<HttpRequestMessage> authenticate, string parameters = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/?default_format=TSV" + parameters) { Content = new StringContent("SELECT 1") };
        authenticate(request);
        using var response = await http.SendAsync(request, Cancel).WaitAsync(TestTimeouts.Default, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        if (response.IsSuccessStatusCode)
        {
            Assert.Equal("1\n", body);
            return (response.StatusCode, null);
        }

        Assert.Contains("Code: ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(body, "not-a-key", StringComparison.Ordinal);
        return (response.StatusCode, response.Headers.GetValues("X-ClickHouse-Exception-Code").Single());
    }
}
