namespace Otel.Collector.Query.RunFilter;

/// <summary>A parsed run filter: comparisons joined by <c>and</c> and <c>or</c>.</summary>
internal abstract record FilterNode;

internal sealed record FilterAnd(IReadOnlyList<FilterNode> Terms) : FilterNode;

internal sealed record FilterOr(IReadOnlyList<FilterNode> Terms) : FilterNode;

/// <summary><c>metrics.acc &gt; 0.8</c>, <c>params.lr IN ('0.1', '0.01')</c>: one field, one comparator, its values (several for IN).</summary>
internal sealed record FilterComparison(FilterField Field, FilterComparator Comparator, IReadOnlyList<FilterValue> Values) : FilterNode;

/// <summary>An identifier: the entity and the key (for attributes, one of <see cref="RunAttributes"/>).</summary>
internal sealed record FilterField(FilterEntity Entity, string Key)
{
    public override string ToString() => Entity switch
    {
        FilterEntity.Metric => "metrics.",
        FilterEntity.Param => "params.",
        FilterEntity.Tag => "tags.",
        _ => "attributes.",
    } + Key;
}

/// <summary>A literal: a string, or a number (times are milliseconds since the epoch, as in MLflow).</summary>
internal sealed record FilterValue(string? Text, double? Number);
