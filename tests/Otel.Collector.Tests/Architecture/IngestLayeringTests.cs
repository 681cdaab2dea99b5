using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Architecture;

/// <summary>
/// The folders of the ingest path keep to their jobs (docs/architecture.md): only the receivers know the transport,
/// and the model knows neither OTLP's protobuf types nor the storage formats.
/// </summary>
public sealed class IngestLayeringTests
{
    private static readonly string[] BelowTheReceivers = ["Ingest", "Model", "Processors", "Sinks", "Spool", "Pipeline"];

    private static readonly string[] TransportTokens =
        ["using Microsoft.AspNetCore", "using Grpc.", "HttpContext", "StatusCodes.", "RpcException", "Grpc.Core."];

    private static readonly string[] ModelForbiddenTokens =
        ["using Google.Protobuf", "using OpenTelemetry.Proto", "using Otel.Collector.Sinks", "using System.Text.Json", "using Otel.Collector.ClickHouse"];

    [Fact]
    public void FoldersBelowTheReceivers_NameNoTransportType() =>
        Assert.Empty(Offences(BelowTheReceivers, TransportTokens));

    [Fact]
    public void Model_DependsOnNeitherProtobufNorStorageFormats() =>
        Assert.Empty(Offences(["Model"], ModelForbiddenTokens));

    [Fact]
    public void ProcessorsAndSinks_DoNotReadProtobuf() =>
        Assert.Empty(Offences(["Processors", "Sinks"], ["using Google.Protobuf", "using OpenTelemetry.Proto"]));

    private static List<string> Offences(string[] folders, string[] tokens)
    {
        var collector = Path.Combine(RepositoryFiles.Root, "collector", "Otel.Collector");
        var offences = new List<string>();
        foreach (var folder in folders)
        {
            var directory = Path.Combine(collector, folder);
            Assert.True(Directory.Exists(directory), $"folder {folder} is missing: update this test and docs/architecture.md together");
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                offences.AddRange(tokens.Where(token => text.Contains(token, StringComparison.Ordinal))
                    .Select(token => $"{Path.GetRelativePath(collector, file)} names '{token}'"));
            }
        }

        return offences;
    }
}
