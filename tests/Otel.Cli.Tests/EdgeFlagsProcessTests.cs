using System.Net.Http.Headers;
using Otel.Cli.Commands;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The serve flags of the receivers and edge limits, through the real program; and keys kept out of its logs.</summary>
public sealed class EdgeFlagsProcessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_InvalidEdgeFlags_ExitsNonZeroNamingEveryFlagBeforeServing()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0",
            "--max-spans-per-request", "0", "--max-concurrent-requests", "0", "--max-request-body-bytes", "-1", "--max-value-depth", "99",
            "--min-request-body-bytes-per-second", "0");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        foreach (var flag in new[] { "--max-spans-per-request", "--max-concurrent-requests", "--max-request-body-bytes", "--max-value-depth", "--min-request-body-bytes-per-second" })
        {
            Assert.Contains(flag + " must be between", result.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("OTLP HTTP and API", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_EdgeFlags_AreApplied()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--max-request-body-bytes", "100", "--max-spans-per-request", "1");
        using var http = new HttpClient { Timeout = CliProcess.Timeout };

        using var tooLarge = await PostAsync(http, serve, new byte[101]);
        using var twoSpans = await PostAsync(http, serve, [0x0A, 0x06, 0x12, 0x04, 0x12, 0x00, 0x12, 0x00]);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("limit of 100 bytes", await tooLarge.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, twoSpans.StatusCode);
        Assert.Contains("MaxSpansPerRequest = 1:", await twoSpans.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public void LimitsDoc_ListsEveryServeFlagWithItsDefault()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "limits.md"));
        foreach (var (flag, value) in EdgeFlags.Defaults)
        {
            var row = Assert.Single(rows, r => r.StartsWith($"| `{flag}` | ", StringComparison.Ordinal));
            Assert.StartsWith($"| `{flag}` | {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}", row, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// At the most verbose level configuration allows (every category at Trace, the hosting and Kestrel
    /// categories named explicitly), a key sent in every way a client might send one never reaches the logs.
    /// </summary>
    [Fact]
    public async Task Serve_AtTraceLevel_NeverLogsAKeyHoweverItIsSent()
    {
        const string Key = "otk_secretkeyvalue0123456789";
        using var temp = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging__Console__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel.BadRequests"] = "Trace",
        };
        await using (var serve = await ServeProcess.StartAsync(temp.Combine("data"), environment, "--verbose"))
        {
            using var http = new HttpClient { Timeout = CliProcess.Timeout };
            foreach (var query in new[] { "access_token", "api_key", "key", "token" })
            {
                (await http.GetAsync(new Uri(serve.Http, $"api/runs?{query}={Key}"), Cancellation)).Dispose();
                (await PostAsync(http, serve, [], $"v1/traces?{query}={Key}")).Dispose();
            }

            foreach (var (header, value) in new[] { ("Authorization", "Bearer " + Key), ("x-api-key", Key), ("api-key", Key), ("x-otel-track-key", Key) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(serve.Http, "api/runs"));
                request.Headers.TryAddWithoutValidation(header, value);
                (await http.SendAsync(request, Cancellation)).Dispose();
            }

            // Connection: close, so the read below ends with the answer instead of Kestrel's 130 s keep-alive timeout.
            await SendRawAsync(serve.Http, $"GET /api/runs?access_token={Key}\u0001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            await serve.TerminateAsync();
            var logs = serve.Stdout + "\n" + serve.Stderr;

            Assert.Contains("trce:", logs, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, logs, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, ServeProcess serve, byte[] body, string path = "v1/traces")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return await http.PostAsync(new Uri(serve.Http, path), content, Cancellation);
    }

    private static async Task SendRawAsync(Uri endpoint, string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, Cancellation);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(request), Cancellation);
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, Cancellation).AsTask().WaitAsync(CliProcess.Timeout, Cancellation) > 0)
        {
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Otel.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Otel.sln not found above " + AppContext.BaseDirectory);
    }
}
