using Otel.Tracking;

namespace Otel.Cli.Client;

/// <summary>
/// Query API paths that carry a run id or lineage key as one path segment, escaped whole (a <c>/</c> in an id is
/// <c>%2F</c>, a <c>%</c> is <c>%25</c>), so every id the collector accepts reaches it unchanged.
/// </summary>
internal static class ApiPaths
{
    /// <summary><c>api/runs/{id}</c>, or a resource of the run under it (<c>artifacts</c>, <c>history</c>).</summary>
    public static string Run(string id, string? resource = null) =>
        "api/runs/" + Uri.EscapeDataString(CheckedRunId(id)) + (resource is null ? string.Empty : "/" + resource);

    /// <summary><paramref name="id"/>, when it can be a run id at all; such ids are refused at ingest, and some of them ('.', '..', empty) would not even stay in a path.</summary>
    public static string CheckedRunId(string id) => RunIdRule.Check(id) is { } problem
        ? throw new CliException($"unknown run id '{id}': a run id {problem}", ExitCodes.NotFound)
        : id;

    /// <summary><c>api/lineage/{key}</c>, for a run id, dataset digest or artifact sha256.</summary>
    public static string Lineage(string key) => "api/lineage/" + Uri.EscapeDataString(CheckedLineageKey(key));

    /// <summary><paramref name="key"/>, unless it is one that no path segment can carry.</summary>
    public static string CheckedLineageKey(string key) => key is "" or "." or ".."
        ? throw new CliException($"'{key}' is neither a run id, a dataset digest nor an artifact sha256 that any run recorded", ExitCodes.NotFound)
        : key;

    /// <summary><c>api/models/{name}</c> plus <paramref name="rest"/> (which starts with <c>/</c>), the name escaped as one path segment.</summary>
    public static string Model(string name, string rest = "") => "api/models/" + Uri.EscapeDataString(name) + rest;
}
