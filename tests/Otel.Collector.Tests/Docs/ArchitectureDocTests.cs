using System.Text.RegularExpressions;
using Otel.Collector.Processors;
using Otel.Collector.Redaction;
using Otel.Collector.Sinks;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Docs;

/// <summary>docs/architecture.md names the folders, processors and sinks that exist, in the chain's order.</summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly string Doc = RepositoryFiles.Read(Path.Combine("docs", "architecture.md"));

    [Fact]
    public void FolderTable_NamesOnlyFoldersThatExist()
    {
        var folders = FolderCell().Matches(Doc).Select(m => m.Groups["folder"].Value).ToList();

        Assert.Contains("Processors/", folders);
        Assert.All(folders, folder =>
            Assert.True(Directory.Exists(Path.Combine(RepositoryFiles.Root, "collector", "Otel.Collector", folder)), $"docs/architecture.md names {folder}, which does not exist"));
    }

    [Fact]
    public void ProcessorsRow_ListsTheChainInOrder()
    {
        var chain = IngestProcessors.InOrder(SecretRedactor.CreateDefault()).Select(p => p.GetType().Name);

        Assert.Equal(chain, NamesIn(Row("`Processors/`")).Where(name => name.EndsWith("Processor", StringComparison.Ordinal)));
    }

    [Fact]
    public void SinksRow_ListsEverySink()
    {
        var sinks = IngestSinks.All.Select(s => s.GetType().Name);

        Assert.Equal(sinks, NamesIn(Row("`Sinks/`")).Where(name => name.EndsWith("Sink", StringComparison.Ordinal)));
    }

    private static string Row(string firstCell) =>
        Doc.Split('\n').Single(line => line.StartsWith($"| {firstCell} |", StringComparison.Ordinal));

    /// <summary>The type names quoted in a row, interfaces left out.</summary>
    private static IEnumerable<string> NamesIn(string row) =>
        CodeName().Matches(row).Select(m => m.Groups[1].Value).Where(name => !(name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1])));

    [GeneratedRegex(@"^\| `(?<folder>[A-Za-z/]+/)`", RegexOptions.Multiline)]
    private static partial Regex FolderCell();

    [GeneratedRegex(@"`([A-Za-z]+)`")]
    private static partial Regex CodeName();
}
