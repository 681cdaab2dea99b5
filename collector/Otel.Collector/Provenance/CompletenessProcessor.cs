using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.ClickHouse;
using Otel.Collector.Telemetry;
using Otel.Collector.Time;

namespace Otel.Collector.Provenance;

/// <summary>
/// Scores each run's metadata against the mandatory fields and stores the result in
/// <c>ml_run_completeness</c>, once the rows it depends on (run, params, datasets) are stored.
/// Changes are gathered for a moment so a busy run is scored once per batch, not per span.
/// </summary>
internal sealed partial class CompletenessProcessor(
    IClickHouseStore store, CompletenessOptions options, TimeProvider time, ILogger<CompletenessProcessor> logger, CollectorMeter? meter = null) : BackgroundService
{
    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Marks runs whose stored metadata changed.</summary>
    public void Notify(IEnumerable<string> runIds)
    {
        foreach (var runId in runIds)
        {
            _changed.Writer.TryWrite(runId);
        }
    }

    /// <summary>Scores the given runs now.</summary>
    public async Task ScoreAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return;
        }

        var fields = options.MandatoryFields.ToList();
        var parameters = new QueryParameters()
            .Add("ids", runIds)
            .Add("names", fields)
            .Add("total", Math.Max(1, fields.Count))
            .Add("now", (long)time.NowNanos());
        var sql = $"""
            INSERT INTO ml_run_completeness (RunId, Score, Present, Missing, ComputedAt)
            SELECT RunId, length(Present) / {"{total:Float64}"}, Present, Missing, fromUnixTimestamp64Nano({"{now:Int64}"})
            FROM (
                SELECT RunId,
                       arrayFilter((name, ok) -> ok, {"{names:Array(String)}"}, Checks) AS Present,
                       arrayFilter((name, ok) -> NOT ok, {"{names:Array(String)}"}, Checks) AS Missing
                FROM (SELECT RunId, {CompletenessChecks.ConditionArray(fields, parameters)} AS Checks
                      FROM ml_runs FINAL WHERE RunId IN {"{ids:Array(String)}"})
            )
            """;
        await store.ExecuteAsync(sql, parameters, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        while (await _changed.Reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(options.Delay, time, stoppingToken);
            while (_changed.Reader.TryRead(out var runId))
            {
                pending.Add(runId);
            }

            try
            {
                await meter.RunJobAsync(JobMetrics.Completeness, time, () => ScoreAsync(pending, stoppingToken));
                pending.Clear();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep the runs pending: the next change retries them.
                LogScoringFailed(logger, ex, pending.Count);
            }
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Scoring metadata completeness of {Runs} run(s) failed; will retry")]
    private static partial void LogScoringFailed(ILogger logger, Exception exception, int runs);
}
