using System.Reflection;
using System.Text;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;
using Otel.Collector.Model;
using Otel.Collector.Processors;
using Otel.Collector.Receivers;
using Otel.Collector.Sinks;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Tests.Fuzz;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Sinks;

/// <summary>
/// The rows of the fuzz seeds (every table, JSONEachRow and the Native <c>ml_metrics</c> block), byte for byte as
/// the row mappers wrote them before decoding, processors and sinks were split: Snapshots/ holds their output. Traces
/// are decoded as the receivers decode protobuf, with the batched arrays read from the bytes (<see cref="TraceExportReader"/>).
/// </summary>
public sealed class RowSnapshotTests
{
    private const ulong ReceivedAt = 1_767_225_600_000_000_000;
    private const string VersionPlaceholder = "{collector-version}";

    public static TheoryData<string, int> Seeds() => new()
    {
        { "traces", 0 }, { "traces", 1 }, { "traces", 2 }, { "metrics", 0 }, { "metrics", 1 }, { "logs", 0 }, { "logs", 1 },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Rows_OfAFuzzSeed_MatchTheSnapshotByteForByte(string signal, int seed)
    {
        var batch = signal switch
        {
            "traces" => TraceDecoder.Decode(TraceExportReader.Read(new(FuzzSeeds.Traces()[seed]), OtlpParsers.Traces, new EdgeLimits().MetricArrays), ReceivedAt),
            "metrics" => MetricDecoder.Decode(ExportMetricsServiceRequest.Parser.ParseFrom(FuzzSeeds.Metrics()[seed]), 1),
            _ => LogDecoder.Decode(ExportLogsServiceRequest.Parser.ParseFrom(FuzzSeeds.Logs()[seed]), 1),
        };

        var actual = Dump(batch);

        var expected = File.ReadAllBytes(Path.Combine(RepositoryFiles.Root, "tests", "Otel.Collector.Tests", "Sinks", "Snapshots", $"{signal}-{seed}.rows"));
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    /// <summary>The tally, then each part's table, format, row count and bytes; the collector's version as a placeholder.</summary>
    internal static byte[] Dump(IngestBatch batch)
    {
        IngestProcessors.Default.Run(batch);
        using var rows = new RowBatch();
        IngestSinks.All.WriteAll(batch, rows);
        using var output = new MemoryStream();
        output.Write(Encoding.UTF8.GetBytes($"accepted {batch.Tally.Accepted} rejected {batch.Tally.Rejected} message {batch.Tally.Message}\n"));
        foreach (var part in rows.Parts())
        {
            output.Write(Encoding.UTF8.GetBytes($"part {part.Table} {part.Format} {part.Rows}\n"));
            output.Write(part.Bytes.Span);
            output.Write("\n"u8);
        }

        var version = typeof(ProvenanceProcessor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var versionBytes = Encoding.UTF8.GetBytes($"\"ml.collector.version\":\"{version}\"");
        var placeholder = Encoding.UTF8.GetBytes($"\"ml.collector.version\":\"{VersionPlaceholder}\"");
        return Replace(output.ToArray(), versionBytes, placeholder);
    }

    private static byte[] Replace(byte[] bytes, byte[] from, byte[] to)
    {
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length;)
        {
            if (bytes.AsSpan(i).StartsWith(from))
            {
                result.AddRange(to);
                i += from.Length;
            }
            else
            {
                result.Add(bytes[i++]);
            }
        }

        return [.. result];
    }
}
