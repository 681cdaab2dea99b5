using System.Text.Json.Serialization;
using Otel.Tracking.Query;

namespace Otel.Cli.Reproduction;

/// <summary>Everything needed to re-run a run, read from what it recorded (<c>reproduce RUN --json</c>).</summary>
internal sealed record ReproductionManifest
{
    [JsonPropertyName("runId")] public required string RunId { get; init; }
    [JsonPropertyName("experiment")] public required string Experiment { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("repository")] public string? Repository { get; init; }
    [JsonPropertyName("commit")] public string? Commit { get; init; }
    [JsonPropertyName("branch")] public string? Branch { get; init; }
    [JsonPropertyName("dirty")] public bool? Dirty { get; init; }
    [JsonPropertyName("diffSha256")] public string? DiffSha256 { get; init; }
    [JsonPropertyName("containerImage")] public string? ContainerImage { get; init; }
    [JsonPropertyName("commandLine")] public string? CommandLine { get; init; }

    /// <summary>The recorded arguments (<c>process.command_args</c>), the program first; null for runs recorded before it existed.</summary>
    [JsonPropertyName("commandArgs")] public IReadOnlyList<string>? CommandArgs { get; init; }
    [JsonPropertyName("workingDirectory")] public string? WorkingDirectory { get; init; }
    [JsonPropertyName("runtime")] public string? Runtime { get; init; }
    [JsonPropertyName("seed")] public string? Seed { get; init; }
    [JsonPropertyName("params")] public required Dictionary<string, string> Params { get; init; }
    [JsonPropertyName("datasets")] public required List<DatasetInfo> Datasets { get; init; }
    [JsonPropertyName("packages")] public required Dictionary<string, string> Packages { get; init; }

    /// <summary>The rest of the recorded environment (already redacted by the collector).</summary>
    [JsonPropertyName("environment")] public required Dictionary<string, string> Environment { get; init; }

    private static readonly HashSet<string> Described = new(StringComparer.Ordinal)
    {
        "vcs.repository.url.full", "vcs.ref.head.revision", "vcs.ref.head.name", "ml.vcs.dirty", "ml.vcs.diff.sha256",
        "container.image.name", "process.command_line", "process.command_args", "process.working_directory", "process.runtime.version",
        "ml.run.seed", "ml.process.packages",
    };

    /// <summary>
    /// The command to run again: the recorded array, else (older runs) the joined command line split again, which
    /// cannot tell a backslash or a quote that was part of an argument; null when neither was recorded.
    /// </summary>
    public IReadOnlyList<string>? Arguments() =>
        CommandArgs is { Count: > 0 } recorded ? recorded
        : string.IsNullOrWhiteSpace(CommandLine) ? null
        : CommandLineSplitter.Split(CommandLine);

    public static ReproductionManifest From(RunDetail run)
    {
        var p = run.Provenance;
        return new ReproductionManifest
        {
            RunId = run.Id,
            Experiment = run.Experiment,
            Name = run.Name,
            Repository = p.GetValueOrDefault("vcs.repository.url.full"),
            Commit = p.GetValueOrDefault("vcs.ref.head.revision"),
            Branch = p.GetValueOrDefault("vcs.ref.head.name"),
            Dirty = p.TryGetValue("ml.vcs.dirty", out var dirty) ? dirty == "true" : null,
            DiffSha256 = p.GetValueOrDefault("ml.vcs.diff.sha256"),
            ContainerImage = p.GetValueOrDefault("container.image.name"),
            CommandLine = p.GetValueOrDefault("process.command_line"),
            CommandArgs = RecordedArguments.Parse(p.GetValueOrDefault("process.command_args")),
            WorkingDirectory = p.GetValueOrDefault("process.working_directory"),
            Runtime = p.GetValueOrDefault("process.runtime.version"),
            Seed = p.GetValueOrDefault("ml.run.seed"),
            Params = new Dictionary<string, string>(run.Params, StringComparer.Ordinal),
            Datasets = run.Datasets,
            Packages = RunPackages.Of(run),
            Environment = p.Where(kv => !Described.Contains(kv.Key) && !kv.Key.StartsWith("ml.collector.", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        };
    }
}
