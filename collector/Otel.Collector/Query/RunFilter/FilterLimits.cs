namespace Otel.Collector.Query.RunFilter;

/// <summary>Bounds on what one filter may ask, so that no filter builds a query too large to plan or run.</summary>
internal static class FilterLimits
{
    public const int MaxLength = Otel.Tracking.Query.RunFilterLimits.MaxLength;
    public const int MaxDepth = 16;
    public const int MaxComparisons = 64;
    public const int MaxListValues = 1000;
    public const int MaxOrderFields = 8;
}
