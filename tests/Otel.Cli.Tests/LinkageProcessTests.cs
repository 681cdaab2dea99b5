using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Otel.Cli.Tests.Infrastructure;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;
using static Otel.Testing.OtlpRequests;

namespace Otel.Cli.Tests;

/// <summary>
/// The real otel-track program against a real collector process with a price file: models deployments, the
/// production linkage rate and cost per run in stats, and costs in runs show and runs list --cost.
/// </summary>
public sealed class LinkageProcessTests
{
    private const string Prices = """
        currency: USD
        instances:
          - type: m5.xlarge
            hourly: 0.192
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_InvalidPriceFile_RefusesToStart_NamingTheField()
    {
        using var temp = new TempDirectory();
        var prices = temp.Combine("prices.yaml");
        await File.WriteAllTextAsync(prices, "currency: USD\ninstances:\n  - type: m5.xlarge\n    hourly: cheap\n", Cancellation);

        var result = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0", "--prices", prices);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--prices {prices}: instances[0].hourly: 'cheap' is not a price per hour", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkageAndCost_ThroughTheCli_ShowDeploymentsLinkageRateAndRunCosts()
    {
        using var temp = new TempDirectory();
        var prices = temp.Combine("prices.yaml");
        await File.WriteAllTextAsync(prices, Prices, Cancellation);
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--prices", prices);
        using var http = new HttpClient { BaseAddress = serve.Http, Timeout = CliProcess.Timeout };

        // Two 60-second runs, one on a priced instance type; a service serving a version nobody registered.
        await SendAsync(http, "v1/traces", TracesRequest(Resource(Attr("service.name", "trainer"), Attr("host.type", "m5.xlarge")),
            RunSpan("ml.run.start", "cli-priced", "cost-exp", Attr("ml.run.name", "a")), RunSpan("ml.run", "cli-priced", "cost-exp", Attr("ml.run.name", "a"))));
        await SendAsync(http, "v1/traces", TracesRequest(Resource(Attr("service.name", "trainer"), Attr("host.type", "x9.huge")),
            RunSpan("ml.run.start", "cli-unpriced", "cost-exp", Attr("ml.run.name", "b")), RunSpan("ml.run", "cli-unpriced", "cost-exp", Attr("ml.run.name", "b"))));
        await ServingRequests.SendAsync(http, ServingRequests.Export(ServingRequests.Resource("scorer", "churn", "9", null), TimeProvider.System.GetUtcNow().AddMinutes(-1), 40), Cancellation);
        await Eventually.UntilAsync(async () =>
            (await http.GetFromJsonAsync<List<ProductionDeployment>>("api/production/deployments", QueryJson.Options, Cancellation))!.Count == 1
            && (await http.GetFromJsonAsync<List<RunSummary>>("api/runs?experiment=cost-exp", QueryJson.Options, Cancellation))!.Count(r => r.Status == "FINISHED") == 2,
            "the runs and the serving telemetry were not stored", CliProcess.Timeout);

        var deployments = await JsonAsync("models", "deployments", "churn");
        var stats = await JsonAsync("stats");
        var priced = await JsonAsync("runs", "show", "cli-priced");
        var listed = await JsonAsync("runs", "list", "--experiment", "cost-exp", "--cost");

        var deployment = Assert.Single(deployments.EnumerateArray());
        Assert.Equal(("9", "scorer", "version_not_registered"), (deployment.GetProperty("version").GetString(), deployment.GetProperty("service").GetString(),
            Assert.Single(deployment.GetProperty("flags").EnumerateArray()).GetString()));
        Assert.Equal(0.0, stats.GetProperty("productionLinkageRate").GetDouble());
        Assert.Equal(40, stats.GetProperty("productionLinkage").GetProperty("requests").GetInt64());
        Assert.Equal(("USD", 1, 1), (stats.GetProperty("costPerRun").GetProperty("currency").GetString(),
            stats.GetProperty("costPerRun").GetProperty("pricedRuns").GetInt64(), stats.GetProperty("costPerRun").GetProperty("unpricedRuns").GetInt64()));
        Assert.Equal(0.192 / 60, priced.GetProperty("cost").GetProperty("amount").GetDouble(), 12);
        Assert.All(listed.EnumerateArray(), run => Assert.True(run.TryGetProperty("cost", out _)));
        foreach (var (args, says) in new (string[] Args, string Says)[]
        {
            (["models", "deployments"], "version_not_registered"),
            (["stats"], "production linkage (M8)"),
            (["stats"], "cost per run (M7)"),
            (["runs", "show", "cli-priced"], "0.0032 USD"),
            (["runs", "show", "cli-unpriced"], "no price for host.type 'x9.huge'"),
            (["runs", "list", "--experiment", "cost-exp", "--cost"], "0.0032 USD"),
        })
        {
            var human = await CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);
            Assert.True(human.ExitCode == 0 && human.Stdout.Contains(says, StringComparison.Ordinal), human.ToString());
        }

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await CliProcess.RunAsync(temp.Path, [.. args, "--json", "--endpoint", serve.Endpoint]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }

    private static async Task SendAsync(HttpClient http, string path, IMessage request)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await http.PostAsync(path, content, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
    }
}
