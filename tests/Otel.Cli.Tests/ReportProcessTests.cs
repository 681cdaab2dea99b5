using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Otel.Cli.Tests.Infrastructure;
using Otel.Tracking.Query;
using PuppeteerSharp;

namespace Otel.Cli.Tests;

/// <summary>
/// The real otel-track program: <c>report RUN… -o FILE.html</c> over runs recorded by the real SDK (the demo sweep and
/// the test program) in a real serve process, the file then opened in real headless Chromium with every request watched.
/// </summary>
public sealed partial class ReportProcessTests
{
    private const string Experiment = "demo-logistic-regression";

    // User text that would run, fetch or break out of an attribute if any of it reached the page unescaped.
    private const string HostileName = "<script>alert(\"name\")</script> & 'quoted'";

    // A name that would push the page sideways, and reverse the text after it, if shown whole and not isolated (as long as
    // `runs rename` allows: 256 characters, some 5,000 px of heading).
    private static readonly string LongName = "\u202eRTL " + new string('w', 250);
    private const string HostileParam = "<script>alert('param')</script>\" onload=\"alert(1)";
    private const string HostileComment = "<img src=\"https://example.invalid/x.png\"> looks \"fine\"";

    [Fact]
    public async Task Report_DemoRunsWithHostileText_LoadsOfflineInChromiumWithEveryChartDrawn()
    {
        var chromium = HeadlessChromium.Find();
        Assert.SkipWhen(chromium is null, HeadlessChromium.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var demo = await RunAsync("demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        // The demo's registered run, two of its siblings (one renamed, one tagged with markup), and a run of the test program
        // whose param is markup: 4 runs, of which only the last logged "loss".
        var registered = (await JsonAsync("models", "show", Experiment, "--version", "1")).GetProperty("runId").GetString()!;
        var siblings = (await JsonAsync("runs", "list", "--experiment", Experiment)).EnumerateArray()
            .Where(r => r.GetProperty("parentId").ValueKind == JsonValueKind.String)
            .Select(r => r.GetProperty("id").GetString()!)
            .Where(id => id != registered)
            .Take(3)
            .ToList();
        Assert.Equal(0, (await RunAsync("runs", "rename", siblings[0], HostileName)).ExitCode);
        Assert.Equal(0, (await RunAsync("runs", "tag", siblings[1], "reviewer=" + HostileParam)).ExitCode);
        var renamed = await RunAsync("runs", "rename", siblings[2], LongName);
        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        // Changes reach the store through the spool: wait until both read back, so the report is made after them.
        await Eventually.UntilAsync(() => RunAsync("runs", "show", siblings[0], "--json"),
            r => r.ExitCode == 0 && JsonDocument.Parse(r.Stdout).RootElement.GetProperty("name").GetString() == HostileName, r => "the rename did not show: " + r);
        await Eventually.UntilAsync(() => RunAsync("runs", "show", siblings[1], "--json"),
            r => r.ExitCode == 0 && JsonDocument.Parse(r.Stdout).RootElement.GetProperty("tags").TryGetProperty("reviewer", out _), r => "the tag did not show: " + r);
        await Eventually.UntilAsync(() => RunAsync("runs", "show", siblings[2], "--json"),
            r => r.ExitCode == 0 && JsonDocument.Parse(r.Stdout).RootElement.GetProperty("name").GetString() == LongName, r => "the long rename did not show: " + r);
        var probe = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), serve.Endpoint, "http/protobuf", "report-probe", "20", HostileParam);
        Assert.True(probe.ExitCode == 0, probe.ToString());
        var probeId = probe.Stdout.Trim();
        await Eventually.UntilAsync(() => RunAsync("runs", "show", probeId, "--json"),
            r => r.ExitCode == 0 && JsonDocument.Parse(r.Stdout).RootElement.GetProperty("metricSummaries").TryGetProperty("loss", out var loss) && loss.GetProperty("lastStep").GetInt64() == 19,
            r => "the probe run's 20 loss points did not all arrive: " + r);

        // A second identity (trusted on loopback without keys) approves the registered version, commenting with markup.
        using var http = new HttpClient { BaseAddress = serve.Http, Timeout = CliProcess.Timeout };
        http.DefaultRequestHeaders.Add(ApiHeaders.User, "reviewer");
        using var approval = await http.PostAsJsonAsync($"api/models/{Experiment}/versions/1/approvals",
            new { alias = "champion", decision = "approve", comment = HostileComment }, ct);
        Assert.True(approval.IsSuccessStatusCode, await approval.Content.ReadAsStringAsync(ct));

        var file = temp.Combine("report.html");
        string[] runs = [registered, siblings[0], siblings[1], probeId, siblings[2]];
        var summary = await JsonAsync(["report", .. runs, "-o", file]);
        var html = await File.ReadAllTextAsync(file, ct);

        // demo: train_loss, val_loss, val_accuracy (and whatever else it logs); the probe: loss.
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var keysByRun = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var id in runs)
        {
            keysByRun[id] = (await JsonAsync("runs", "show", id)).GetProperty("metrics").EnumerateObject().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            keys.UnionWith(keysByRun[id]);
        }

        Assert.Equal((file, 5, keys.Count, new FileInfo(file).Length), (summary.GetProperty("file").GetString(), summary.GetProperty("runs").GetInt32(),
            summary.GetProperty("charts").GetInt32(), summary.GetProperty("bytes").GetInt64()));
        Assert.Equal(runs, summary.GetProperty("runIds").EnumerateArray().Select(r => r.GetString()!));
        Assert.Contains("""<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ExternalReference().Matches(html));
        Assert.Contains("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;", html, StringComparison.Ordinal);

        var page = await OpenOfflineAsync(chromium!, file, ct);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "report-" + Guid.NewGuid().ToString("N")[..8] + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await File.WriteAllBytesAsync(screenshot, page.Screenshot, ct);
        TestContext.Current.TestOutputHelper?.WriteLine("report screenshot: " + screenshot);

        Assert.Equal([new Uri(file).AbsoluteUri], page.Requests);
        Assert.Empty(page.Errors);
        Assert.Equal(0, page.Rendered.Scripts);
        Assert.Equal(keys.Order(StringComparer.Ordinal), page.Rendered.Charts.Select(c => c.Metric));
        var names = await NamesAsync(runs);
        foreach (var chart in page.Rendered.Charts)
        {
            var drawn = runs.Where(id => keysByRun[id].Contains(chart.Metric)).ToList();
            Assert.True(chart.Width > 0 && chart.Height > 0, $"chart {chart.Metric} has an empty box: {chart.Width}x{chart.Height}");
            Assert.Equal(drawn, chart.Paths.Select(p => p.Run));
            Assert.All(chart.Paths, p => Assert.True(p.Drawn, $"{chart.Metric}: the curve of {p.Run} is empty"));
            if (chart.Metric is "train_loss" or "val_loss" or "val_accuracy" or "loss")
            {
                // Logged step by step (8 epochs, 20 points): each a line across the chart. (A system metric may hold one point yet, a dot.)
                Assert.All(chart.Paths, p => Assert.True(p.Width > 0, $"{chart.Metric}: the curve of {p.Run} has no width"));
            }
            Assert.Equal(drawn.Select(id => names[id]), chart.Legend);

            // Every tick label inside the chart, whole; x labels side by side without touching; never unix seconds as x.
            Assert.All(chart.Ticks, t => Assert.True(t.Left >= 0 && t.Right <= chart.Width, $"{chart.Metric}: tick {t.Text} drawn from {t.Left} to {t.Right} of {chart.Width}"));
            var xTicks = chart.Ticks.Where(t => t.Anchor == "middle").OrderBy(t => t.Left).ToList();
            Assert.All(xTicks.Zip(xTicks.Skip(1)), pair => Assert.True(pair.First.Right < pair.Second.Left, $"{chart.Metric}: ticks {pair.First.Text} and {pair.Second.Text} overlap"));
            Assert.All(xTicks, t => Assert.True(double.Parse(t.Text, System.Globalization.CultureInfo.InvariantCulture) < 1e9, $"{chart.Metric}: x tick {t.Text} (by {chart.XLabel})"));
        }

        // The long name: cut in the heading, whole in its tooltip, and the page no wider than the window.
        Assert.Equal(LongName, page.Rendered.LongTitle);
        Assert.True(page.Rendered.SidewaysOverflow <= 0, $"the page scrolls sideways by {page.Rendered.SidewaysOverflow} px");

        // learning_rate and friends differ between the demo runs; arg.0 only the probe has, and it shows as text.
        var differing = page.Rendered.DifferingParams.ToDictionary(row => row[0], row => row.Skip(1).ToList(), StringComparer.Ordinal);
        Assert.Contains("learning_rate", differing.Keys);
        Assert.Equal(["-", "-", "-", HostileParam, "-"], differing["arg.0"]);
        Assert.Contains(HostileName, page.Rendered.Text, StringComparison.Ordinal);
        Assert.Contains(HostileComment, page.Rendered.Text, StringComparison.Ordinal);
        Assert.Contains("reviewer", page.Rendered.Text, StringComparison.Ordinal);

        // One run is a report too, and its human output is one line naming the file.
        var single = await RunAsync("report", registered, "-o", temp.Combine("one.html"));
        Assert.True(single.ExitCode == 0 && single.Stdout.Trim() == $"Wrote {temp.Combine("one.html")} (1 run, {keysByRun[registered].Count} charts, {new FileInfo(temp.Combine("one.html")).Length:N0} bytes)", single.ToString());

        // An unknown run: named, with what to do, and no file.
        var unknown = await RunAsync("report", registered, "no-such-run", "-o", temp.Combine("unknown.html"));
        Assert.True(unknown.ExitCode == 4 && unknown.Stderr.Contains("unknown run id 'no-such-run'", StringComparison.Ordinal), unknown.ToString());
        Assert.False(File.Exists(temp.Combine("unknown.html")));

        Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await RunAsync([.. args, "--json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }

        async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                names[id] = (await JsonAsync("runs", "show", id)).GetProperty("name").GetString()!;
            }

            return names;
        }
    }

    [Fact]
    public async Task Report_SixRuns_RefusedBeforeAskingTheCollector()
    {
        using var temp = new TempDirectory();

        // No collector listens at this endpoint: the refusal comes first.
        var result = await CliProcess.RunAsync(temp.Path, "report", "a1", "a2", "a3", "a4", "a5", "a6", "-o", temp.Combine("r.html"), "--endpoint", "http://127.0.0.1:9");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("at most 5 runs, and 6 were given", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("r.html")));
    }

    [Fact]
    public async Task Report_OutputDirectoryMissing_SaysWhichAndWritesNothing()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "report", "a1", "-o", temp.Combine("nosuch/r.html"), "--endpoint", "http://127.0.0.1:9");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("its directory " + temp.Combine("nosuch") + " does not exist", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Loads the file with the browser offline and every request intercepted (only the document itself may load), then
    /// reads back what rendered: each chart's box, curves and legend, the differing params, any script element.
    /// </summary>
    private static async Task<LoadedPage> OpenOfflineAsync(string chromium, string file, CancellationToken ct)
    {
        await using var browser = await HeadlessChromium.LaunchAsync(chromium);
        await using var page = await browser.NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        var requests = new List<string>();
        var errors = new List<string>();
        // A desktop window wider than the report's 1,100 px column: what scrolls sideways then is content that overflows it.
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await page.SetOfflineModeAsync(true);
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            lock (requests)
            {
                requests.Add(e.Request.Url);
            }

            await (e.Request.Url == url ? e.Request.ContinueAsync() : e.Request.AbortAsync());
        };
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                lock (errors)
                {
                    errors.Add($"console {e.Message.Type}: {e.Message.Text}");
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (errors)
            {
                errors.Add("page error: " + e.Message);
            }
        };

        await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = (int)CliProcess.Timeout.TotalMilliseconds }).WaitAsync(CliProcess.Timeout, ct);
        var json = await page.EvaluateExpressionAsync<string>("JSON.stringify(" + RenderedReport.Script + ")").WaitAsync(CliProcess.Timeout, ct);
        var rendered = JsonSerializer.Deserialize<RenderedReport>(json, RenderedReport.Json)!;
        var screenshot = await page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png }).WaitAsync(CliProcess.Timeout, ct);
        lock (requests)
        {
            lock (errors)
            {
                return new LoadedPage([.. requests], [.. errors], rendered, screenshot);
            }
        }
    }

    /// <summary>A tag's src or href that is not a data: URL: a fetch the report must not make (escaped text has no tags).</summary>
    [GeneratedRegex("""<[^>]*\s(src|href)\s*=\s*(?>["']?)(?!data:)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    private sealed record LoadedPage(IReadOnlyList<string> Requests, IReadOnlyList<string> Errors, RenderedReport Rendered, byte[] Screenshot);
}

/// <summary>What the browser drew, read through the DOM.</summary>
public sealed record RenderedReport
{
    public const string Script = """
        ({
          scripts: document.querySelectorAll('script').length,
          text: document.body.innerText + '\n' + Array.from(document.querySelectorAll('details')).map(d => d.textContent).join('\n'),
          charts: Array.from(document.querySelectorAll('svg.chart')).map(svg => {
            const box = svg.getBoundingClientRect();
            return {
              metric: svg.dataset.metric, width: box.width, height: box.height,
              paths: Array.from(svg.querySelectorAll('path.series')).map(p => ({ run: p.dataset.run, width: p.getBoundingClientRect().width, drawn: p.getAttribute('d').length > 0 })),
              legend: Array.from(svg.querySelectorAll('g.legend-entry > title')).map(t => t.textContent),
              xLabel: svg.querySelector('text.label').textContent,
              ticks: Array.from(svg.querySelectorAll('text.tick')).map(t => {
                const b = t.getBoundingClientRect();
                return { text: t.textContent, anchor: t.getAttribute('text-anchor'), left: b.left - box.left, right: b.right - box.left };
              }),
            };
          }),
          longTitle: (document.querySelector('h1 bdi[title]') || {}).title || '',
          sidewaysOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          differingParams: Array.from(document.querySelectorAll('table.differing.params tbody tr')).map(tr => Array.from(tr.cells).map(c => c.textContent)),
        })
        """;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Scripts { get; init; }

    public string Text { get; init; } = "";

    public IReadOnlyList<RenderedChart> Charts { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<string>> DifferingParams { get; init; } = [];

    public string LongTitle { get; init; } = "";

    public double SidewaysOverflow { get; init; }
}

public sealed record RenderedChart(string Metric, double Width, double Height, IReadOnlyList<RenderedPath> Paths, IReadOnlyList<string> Legend, string XLabel, IReadOnlyList<RenderedTick> Ticks);

public sealed record RenderedTick(string Text, string Anchor, double Left, double Right);

public sealed record RenderedPath(string Run, double Width, bool Drawn);
