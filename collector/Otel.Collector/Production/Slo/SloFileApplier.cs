using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// Applies the file of <c>serve --slos</c> once storage answers (it may not yet at start: a ClickHouse server that is
/// down), retrying until it succeeds. The file was validated before the collector started.
/// </summary>
internal sealed partial class SloFileApplier(SloOptions options, SloApplier applier, TimeProvider time, ILogger<SloFileApplier> logger) : BackgroundService
{
    public const string Actor = "system:slos-file";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.File is not { IsValid: true } file)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await applier.ApplyAsync(file, Actor, "file:" + Path.GetFullPath(file.Path), stoppingToken);
                Applied(logger, file.Path, result.Applied.Count, result.Changed.Count);
                foreach (var warning in file.Warnings)
                {
                    Warned(logger, warning);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, file.Path, e.Message);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "SLO file {File}: {Count} SLOs, {Changed} of them new or changed and applied")]
    private static partial void Applied(ILogger logger, string file, int count, int changed);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void Warned(ILogger logger, string warning);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "SLO file {File} could not be applied yet, retrying in 5 s: {Error}")]
    private static partial void Failed(ILogger logger, string file, string error);
}
