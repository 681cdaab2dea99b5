namespace Otel.Collector.Production.Cost;

/// <summary>Prices for cost per run and serving cost (docs/linkage-and-cost.md).</summary>
internal sealed class CostOptions
{
    /// <summary>The price file (<c>serve --prices FILE</c>), validated at start. Default: none, so nothing is priced.</summary>
    public string? PricesFile { get; set; }

    /// <summary>
    /// Time between two passes of the run-cost job, which also re-reads the price file and recomputes every run's cost
    /// when it changed. Default 1 minute.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every error of the options, the price file's included, each naming what to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Interval <= TimeSpan.Zero)
        {
            errors.Add("the run-cost job needs a positive interval");
        }

        if (PricesFile is { } file)
        {
            errors.AddRange(PriceFile.Load(file).Errors);
        }

        return errors;
    }
}
