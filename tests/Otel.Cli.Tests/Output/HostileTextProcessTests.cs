using Google.Protobuf;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Cli.Tests.Infrastructure;
using static Otel.Testing.OtlpRequests;

namespace Otel.Cli.Tests.Output;

/// <summary>
/// A run whose name, experiment, tag, param and metric key hold terminal controls (ESC sequences, BEL, CR, LF, TAB, C1) and bidi
/// overrides, sent as OTLP by anyone: the real program shows them as visible escapes, piped and on a pseudo-terminal, rows
/// intact; and piped <c>runs show</c> curves fit COLUMNS or 80 columns.
/// </summary>
public sealed class HostileTextProcessTests
{
    private const string RunId = "hostile-run";
    private const string Experiment = "exp\u001b[2J\u202e";
    private const string Name = "\u001b]0;pwned\u0007\u001b[2J\rspoof\tname\nsecond\u009b31m\u202eRTL";
    private const string MetricKey = "loss\u001b[1m";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HumanOutput_HostileRun_ControlsShownAsEscapesRowsIntact()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await SeedAsync(serve);

        var list = await PipedAsync(temp, null, "runs", "list", "--experiment", Experiment, "--endpoint", serve.Endpoint);
        var lines = list.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(@"hostile-  exp\x1b[2J\u202e  \x1b]0;pwned\x07\x1b[2J\rspoof\tname\nsecond\x9b31m\u202eRTL  FINISHED", lines[1], StringComparison.Ordinal);
        Assert.Contains(@"loss\x1b[1m", lines[0], StringComparison.Ordinal);
        Assert.Contains("1.25e-10", lines[1], StringComparison.Ordinal);

        var show = await PipedAsync(temp, null, "runs", "show", RunId, "--endpoint", serve.Endpoint);
        Assert.Contains(@"\x1b]52;c;ZWNobw==\x07clip", show, StringComparison.Ordinal);
        Assert.Contains(@"\x1b[31mred", show, StringComparison.Ordinal);

        var leaderboard = await PipedAsync(temp, null, "leaderboard", Experiment, "--metric", "acc", "--endpoint", serve.Endpoint);
        Assert.Contains(@"\x1b]0;pwned\x07", leaderboard, StringComparison.Ordinal);
        var experiments = await PipedAsync(temp, null, "experiments", "list", "--endpoint", serve.Endpoint);
        Assert.Contains(@"exp\x1b[2J\u202e", experiments, StringComparison.Ordinal);

        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Skip("script(1) from util-linux gives the program a real terminal; it is not installed here.");
        }

        foreach (var args in new[]
        {
            new[] { "runs", "list", "--experiment", Experiment },
            ["runs", "show", RunId],
            ["leaderboard", Experiment, "--metric", "acc"],
            ["experiments", "list"],
        })
        {
            var terminal = await ReadableTablesProcessTests.OnATerminalAsync(temp.Path, 120, [.. args, "--endpoint", serve.Endpoint]);
            // Colours are removed, so an ESC[2J left raw would vanish too: its visible escape must be there instead.
            Assert.Contains(@"\x1b[2J", terminal, StringComparison.Ordinal);
            Assert.DoesNotContain(terminal, c => c is '\u001b' or '\u0007' or '\t' or '\u009b' or '\u202e');
            Assert.DoesNotContain("\rspoof", terminal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunsShow_Piped_CurvesFitColumnsOrEighty()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await SeedAsync(serve);

        foreach (var (columns, width) in new[] { ((string?)null, 80), ("100", 100) })
        {
            var show = await PipedAsync(temp, columns, "runs", "show", RunId, "--endpoint", serve.Endpoint);
            var curves = show.Split('\n').SkipWhile(line => !line.StartsWith("curves", StringComparison.Ordinal)).Skip(1).TakeWhile(line => line.Contains(" latest ", StringComparison.Ordinal)).ToList();
            Assert.True(curves.Count == 2, show);
            Assert.All(curves, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
            // The curve takes what key and numbers leave, one character per point fetched: not a 40-point line padded to 65,536.
            Assert.True(curves.Max(line => line.Length) > width - 10, string.Join('\n', curves));
        }
    }

    private static async Task<string> PipedAsync(TempDirectory temp, string? columns, params string[] args)
    {
        var start = CliProcess.StartInfo(temp.Path, args);
        start.Environment.Remove("COLUMNS");
        if (columns is not null)
        {
            start.Environment["COLUMNS"] = columns;
        }

        var result = await CliProcess.RunStartedAsync(start);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(result.Stdout, c => c is '\u001b' or '\u0007' or '\r' or '\t' or '\u009b' or '\u202e');
        return result.Stdout;
    }

    /// <summary>One finished run: hostile name, experiment, tag, param and metric key; 200 points of acc, 200 of the hostile key.</summary>
    private static async Task SeedAsync(ServeProcess serve)
    {
        var attributes = new[]
        {
            Attr("ml.run.name", Name), Attr("ml.tag.t", "\u001b]52;c;ZWNobw==\u0007clip"), Attr("ml.param.p", "\u001b[31mred"),
        };
        var start = RunSpan("ml.run.start", RunId, Experiment, attributes);
        start.EndTimeUnixNano = start.StartTimeUnixNano;
        var end = RunSpan("ml.run", RunId, Experiment, attributes);
        end.TraceId = start.TraceId;
        end.Status = new Status { Code = Status.Types.StatusCode.Ok };
        for (var step = 0; step < 200; step++)
        {
            end.Events.Add(MetricEvent("acc", step / 200.0, step, T0 + (ulong)step * 1000));
            end.Events.Add(MetricEvent(MetricKey, step == 199 ? 1.25e-10 : 1.0 / (step + 1), step, T0 + (ulong)step * 1000));
        }

        using var http = new HttpClient { BaseAddress = serve.Http };
        using var content = new ByteArrayContent(TracesRequest(start, end).ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await http.PostAsync("v1/traces", content, Cancellation);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }
}
