using Otel.Tracking.Query;

namespace Otel.Cli.Output;

/// <summary>
/// The order and name prefixes of <c>runs list --tree</c>: each run followed by its children (sweep trials, nested runs) in the
/// order they were listed, drawn with tree lines on a terminal and indented when plain. A run whose parent is not listed is a root.
/// </summary>
internal static class RunListTree
{
    public static IReadOnlyList<(RunSummary Run, string Prefix)> Order(IReadOnlyList<RunSummary> runs, bool plain)
    {
        var listed = runs.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var children = runs.Where(r => r.ParentId is { } p && listed.Contains(p) && p != r.Id)
            .ToLookup(r => r.ParentId!, StringComparer.Ordinal);
        var ordered = new List<(RunSummary, string)>();
        var visited = new HashSet<RunSummary>(ReferenceEqualityComparer.Instance);
        foreach (var root in runs.Where(r => r.ParentId is null || !listed.Contains(r.ParentId) || r.ParentId == r.Id))
        {
            Add(root, string.Empty, string.Empty);
        }

        // Runs in a parent cycle (which a store should never hold) are still listed, as roots.
        foreach (var rest in runs.Where(r => !visited.Contains(r)))
        {
            Add(rest, string.Empty, string.Empty);
        }

        return ordered;

        void Add(RunSummary run, string prefix, string indent)
        {
            if (!visited.Add(run))
            {
                return;
            }

            ordered.Add((run, prefix));
            var kids = children[run.Id].ToList();
            for (var i = 0; i < kids.Count; i++)
            {
                var last = i == kids.Count - 1;
                var branch = plain ? "  " : last ? "└─ " : "├─ ";
                var continuation = plain ? "  " : last ? "   " : "│  ";
                Add(kids[i], indent + branch, indent + continuation);
            }
        }
    }
}
