namespace Otel.Collector.Production.Slo;

/// <summary>SLOs given at start and how often their status is written (docs/slos.md).</summary>
internal sealed class SloOptions
{
    /// <summary>
    /// The SLO file of <c>serve --slos FILE</c>, already parsed; applied at start (its changed SLOs are stored and
    /// audited as <c>system:slos-file</c>). A file with errors stops the start. Default: none.
    /// </summary>
    public SloFile? File { get; set; }

    /// <summary>Time between two status evaluations of the SLO job (<c>serve --slo-interval</c>). Default 60 s; 1 s to 1 h.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Every configuration error, each naming what to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromHours(1))
        {
            errors.Add($"--slo-interval {Interval.TotalSeconds:0.###} s is out of range: give seconds between 1 and 3600");
        }

        if (File is { IsValid: false } file)
        {
            errors.AddRange(file.Errors.Select(e => "--slos " + e));
        }

        return errors;
    }
}
