namespace Otel.Collector.Query.RunFilter;

/// <summary>The comparators of MLflow's search syntax.</summary>
internal enum FilterComparator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Like,
    ILike,
    In,
    NotIn,
}

/// <summary>The SQL and the spelling of each comparator: the SQL text comes from here, never from the filter.</summary>
internal static class FilterComparators
{
    public const string NumericList = "=, !=, <, <=, >, >=";
    public const string StringList = "=, !=, LIKE, ILIKE, IN, NOT IN";
    public const string AllList = "=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN";

    public static bool IsNumeric(this FilterComparator comparator) => comparator is
        FilterComparator.Equal or FilterComparator.NotEqual or FilterComparator.Less or FilterComparator.LessOrEqual or FilterComparator.Greater or FilterComparator.GreaterOrEqual;

    public static bool IsString(this FilterComparator comparator) => comparator is
        FilterComparator.Equal or FilterComparator.NotEqual or FilterComparator.Like or FilterComparator.ILike or FilterComparator.In or FilterComparator.NotIn;

    public static bool TakesList(this FilterComparator comparator) => comparator is FilterComparator.In or FilterComparator.NotIn;

    public static string Sql(this FilterComparator comparator) => comparator switch
    {
        FilterComparator.Equal => "=",
        FilterComparator.NotEqual => "!=",
        FilterComparator.Less => "<",
        FilterComparator.LessOrEqual => "<=",
        FilterComparator.Greater => ">",
        FilterComparator.GreaterOrEqual => ">=",
        FilterComparator.Like => "LIKE",
        FilterComparator.ILike => "ILIKE",
        FilterComparator.In => "IN",
        FilterComparator.NotIn => "NOT IN",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, null),
    };
}
