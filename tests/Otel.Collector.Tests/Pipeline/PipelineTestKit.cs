using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Pipeline;

/// <summary>Pipelines over hand-written stores and small batches.</summary>
internal static class PipelineTestKit
{
    public static ExportPipeline Start(GatedStore store, ExportPipelineOptions options)
    {
        var pipeline = new ExportPipeline(store, options, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        pipeline.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return pipeline;
    }

    /// <summary>Flushes at once, into its own spool unless one is given.</summary>
    public static ExportPipelineOptions Options(string? spool = null) =>
        new() { FlushInterval = TimeSpan.FromMilliseconds(1), SpoolDirectory = spool ?? TestSpool.Create("pipeline") };

    /// <summary>A batch with one ml_tags row whose value pads it to about <paramref name="bytes"/> bytes.</summary>
    public static RowBatch Batch(string id, int bytes = 10)
    {
        var batch = new RowBatch();
        var rows = batch.For(StorageTable.MlTags);
        var json = rows.BeginRow();
        json.WriteString("RunId", id);
        json.WriteString("Pad", new string('x', Math.Max(0, bytes - 30)));
        rows.EndRow();
        return batch;
    }

    public static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}
