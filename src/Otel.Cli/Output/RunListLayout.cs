namespace Otel.Cli.Output;

/// <summary>
/// What <c>runs list</c> shows beside each run: the metric and param columns asked for with <c>--columns</c> (null: the
/// table chooses), the tag columns asked for (null: none), and whether sweep children are drawn under their parent.
/// </summary>
internal sealed record RunListLayout(IReadOnlyList<string>? Metrics = null, IReadOnlyList<string>? Params = null, bool Tree = false, IReadOnlyList<string>? Tags = null)
{
    public static RunListLayout Default { get; } = new();
}
