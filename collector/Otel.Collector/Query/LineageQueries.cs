using Otel.Collector.ClickHouse;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>
/// Dataset → run → artifact edges, both directions. A dataset is known by its digest and an artifact by
/// its SHA-256; when a run reads a file another run produced, the digest and the SHA-256 are the same
/// value, which is how lineage chains across runs.
/// </summary>
internal sealed class LineageQueries(IClickHouseStore store)
{
    public async Task<Lineage?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var p = new QueryParameters().Add("key", key);
        var run = (await RowsAsync($"SELECT RunId, RunName, Experiment, ParentRunId, Reproduces FROM ({Runs.Lifecycle.RunLifecycleSql.RunsWithLifecycle}) WHERE RunId = {{key:String}}", p, cancellationToken)).FirstOrDefault();
        if (run.ValueKind != System.Text.Json.JsonValueKind.Undefined)
        {
            return await ForRunAsync(key, run, p, cancellationToken);
        }

        var consumers = await RowsAsync("SELECT DISTINCT RunId, Name FROM ml_datasets FINAL WHERE Digest = {key:String}", p, cancellationToken);
        var producers = await RowsAsync("SELECT DISTINCT RunId, Path FROM ml_artifacts FINAL WHERE Sha256 = lower({key:String})", p, cancellationToken);
        if (consumers.Count == 0 && producers.Count == 0)
        {
            return null;
        }

        // The same bytes can be an artifact of one run and a dataset of the next.
        var type = producers.Count > 0 ? "artifact" : "dataset";
        var name = producers.Count > 0 ? producers[0].String("Path") : consumers[0].String("Name");
        var node = new LineageNode(type, key, name);
        var producedBy = producers.Select(r => RunNode(r.String("RunId"))).DistinctBy(n => n.Id).ToList();
        var produced = consumers.Select(r => RunNode(r.String("RunId"))).DistinctBy(n => n.Id).ToList();
        var edges = producedBy.Select(r => new LineageEdge(Ref(r), Ref(node), "output"))
            .Concat(produced.Select(r => new LineageEdge(Ref(node), Ref(r), "input")))
            .ToList();
        return new Lineage(key, node, await NameRunsAsync(producedBy, cancellationToken), await NameRunsAsync(produced, cancellationToken), edges);
    }

    private async Task<Lineage> ForRunAsync(string runId, System.Text.Json.JsonElement run, QueryParameters p, CancellationToken cancellationToken)
    {
        var node = new LineageNode("run", runId, run.String("RunName"), run.String("Experiment"));
        var inputs = (await RowsAsync("SELECT Name, Digest, Context FROM ml_datasets FINAL WHERE RunId = {key:String} ORDER BY Name", p, cancellationToken))
            .Select(r => new LineageNode("dataset", r.String("Digest"), r.String("Name")))
            .ToList();
        var outputs = (await RowsAsync("SELECT Path, Sha256 FROM ml_artifacts FINAL WHERE RunId = {key:String} ORDER BY Path", p, cancellationToken))
            .Select(r => new LineageNode("artifact", r.String("Sha256"), r.String("Path")))
            .ToList();
        var edges = inputs.Select(d => new LineageEdge(Ref(d), Ref(node), "input"))
            .Concat(outputs.Select(a => new LineageEdge(Ref(node), Ref(a), "output")))
            .ToList();
        var producedBy = new List<LineageNode>(inputs);
        if (run.String("Reproduces") is { Length: > 0 } original)
        {
            var originalNode = RunNode(original);
            producedBy.Add(originalNode);
            edges.Add(new LineageEdge(Ref(originalNode), Ref(node), "reproduced_by"));
        }

        return new Lineage(runId, node, await NameRunsAsync(producedBy, cancellationToken), outputs, edges);
    }

    private static LineageNode RunNode(string runId) => new("run", runId, string.Empty);

    private static string Ref(LineageNode node) => $"{node.Type}:{node.Id}";

    /// <summary>Fills names and experiments of run nodes with one query.</summary>
    private async Task<List<LineageNode>> NameRunsAsync(List<LineageNode> nodes, CancellationToken cancellationToken)
    {
        var runIds = nodes.Where(n => n.Type == "run").Select(n => n.Id).ToList();
        if (runIds.Count == 0)
        {
            return nodes;
        }

        var names = (await RowsAsync($"SELECT RunId, RunName, Experiment FROM ({Runs.Lifecycle.RunLifecycleSql.RunsWithLifecycle}) WHERE RunId IN {{ids:Array(String)}}",
                new QueryParameters().Add("ids", runIds), cancellationToken))
            .ToDictionary(r => r.String("RunId"), r => (Name: r.String("RunName"), Experiment: r.String("Experiment")), StringComparer.Ordinal);
        return nodes.Select(n => n.Type == "run" && names.TryGetValue(n.Id, out var info) ? n with { Name = info.Name, Experiment = info.Experiment } : n).ToList();
    }

    private async Task<List<System.Text.Json.JsonElement>> RowsAsync(string sql, QueryParameters parameters, CancellationToken cancellationToken) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).ToList();
}
