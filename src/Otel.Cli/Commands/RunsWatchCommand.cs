using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Cli.Watching;
using Otel.Tracking;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track runs watch RUN [--interval S] [--exit-status] [--json]</c>: follows a run live until it ends
/// (docs/cli.md, "Curves and watching a run"). Exit 0 when it ends; with <c>--exit-status</c>, 1 unless it FINISHED.
/// </summary>
internal static class RunsWatchCommand
{
    /// <summary>Piped, a metric's line is printed when it changed, at most this often.</summary>
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var id = new Argument<string>("RUN") { Description = "Run id" };
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between polls of the collector, 0.2 to 60 (default 1)",
            DefaultValueFactory = _ => 1,
        };
        var exitStatus = new Option<bool>("--exit-status") { Description = "Exit 1 when the run ends other than FINISHED (FAILED, KILLED, LOST); without it, exit 0 whenever it ends" };
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("watch", "Follow a running run live (progress, step rate and ETA, a line per metric) until it ends") { id, interval, exitStatus, endpoint, json };
        command.SetAction(async (parse, ct) =>
        {
            var seconds = parse.GetValue(interval);
            if (!(seconds >= 0.2 && seconds <= 60))
            {
                throw new CliException($"--interval must be between 0.2 and 60 seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}", ExitCodes.Usage);
            }

            var console = AnsiConsole.Console;
            var asJson = parse.GetValue(json);
            var live = !asJson && !Console.IsOutputRedirected && console.Profile.Capabilities.Ansi;
            using var client = new TrackingApiClient(CommonOptions.ResolveEndpoint(parse.GetValue(endpoint)));
            var runId = await client.ResolveRunIdAsync(parse.GetRequiredValue(id), ct);
            var watcher = new RunWatcher(client, runId, TimeSpan.FromSeconds(seconds), live ? WatchView.CurveWidth : 0, TimeProvider.System);
            await using var polls = watcher.PollAsync(ct).GetAsyncEnumerator(ct);
            WatchState? state = null;
            try
            {
                state = await NextAsync(polls);
                if (!state.Ended)
                {
                    state = asJson ? await LastAsync(polls)
                        : live ? await LiveAsync(console, polls, state)
                        : await PlainAsync(polls, state);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"otel-track: stopped watching run {ConsoleText.Inert(runId)}" + (state is null ? string.Empty : $", which is still {state.Progress.Status}"));
                return ExitCodes.Interrupted;
            }

            if (asJson)
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(state.Progress, QueryJson.Options));
            }
            else
            {
                foreach (var line in WatchView.Final(state))
                {
                    await Console.Out.WriteLineAsync(line);
                }
            }

            return !parse.GetValue(exitStatus) || state.Progress.Status == MlSemanticConventions.Status.Finished ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<WatchState> NextAsync(IAsyncEnumerator<WatchState> polls) =>
        await polls.MoveNextAsync() ? polls.Current : throw new InvalidOperationException("the watch ended without a final state");

    private static async Task<WatchState> LastAsync(IAsyncEnumerator<WatchState> polls)
    {
        WatchState state;
        do
        {
            state = await NextAsync(polls);
        }
        while (!state.Ended);
        return state;
    }

    /// <summary>Spectre's live display, redrawn at every poll; Ctrl-C leaves it cleanly and is reported after.</summary>
    private static async Task<WatchState> LiveAsync(IAnsiConsole console, IAsyncEnumerator<WatchState> polls, WatchState state)
    {
        var interrupted = false;
        await console.Live(WatchView.Live(state, console.Profile.Width)).StartAsync(async context =>
        {
            try
            {
                while (!state.Ended)
                {
                    state = await NextAsync(polls);
                    context.UpdateTarget(WatchView.Live(state, console.Profile.Width));
                }
            }
            catch (OperationCanceledException)
            {
                interrupted = true;
            }
        });
        return interrupted ? throw new OperationCanceledException() : state;
    }

    /// <summary>Piped: a line per metric when it changed, at most every <see cref="PlainEvery"/>, with the progress line before them.</summary>
    private static async Task<WatchState> PlainAsync(IAsyncEnumerator<WatchState> polls, WatchState state)
    {
        await Console.Out.WriteLineAsync($"watching run {ConsoleText.Inert(state.Progress.Id)} ({state.Progress.Status} since {Format.Time(state.Progress.StartTime)})");
        var printed = new Dictionary<string, MetricProgress>(StringComparer.Ordinal);
        var printedAt = DateTimeOffset.MinValue;
        var unreachable = false;
        while (!state.Ended)
        {
            // Said once when the collector stops answering and once when it answers again, on stderr: stdout stays data.
            if ((state.Unreachable is not null) != unreachable)
            {
                unreachable = state.Unreachable is not null;
                await Console.Error.WriteLineAsync("otel-track: " + ConsoleText.Inert(unreachable ? WatchView.Reconnecting(state.Unreachable!) : "the collector answers again"));
            }

            if (state.Unreachable is null && state.Now - printedAt >= PlainEvery)
            {
                foreach (var line in WatchView.Changes(state, printed))
                {
                    await Console.Out.WriteLineAsync(line);
                    printedAt = state.Now;
                }
            }

            state = await NextAsync(polls);
        }

        return state;
    }
}
