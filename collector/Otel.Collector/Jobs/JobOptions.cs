namespace Otel.Collector.Jobs;

/// <summary>How job leases are held. Every time here is measured on ClickHouse's clock or as elapsed time, never as a collector's wall clock.</summary>
internal sealed class JobOptions
{
    /// <summary>A holder that stops renewing loses its lease after this long. Default 30 s; at least 3 × (<see cref="ClaimWindow"/> + <see cref="Settle"/>).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Claims for a term made within this long of the first claim compete; later ones lose. Default 1 s.</summary>
    public TimeSpan ClaimWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest time an insert into <c>ml_job_leases</c> takes to become visible after ClickHouse stamped it. Claims are
    /// decided this long after the window closes, renewals must land this long before expiry, and a holder stops this
    /// long before its lease ends. Default 2 s.
    /// </summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The holder renews this often: a third of the lease, so two renewals may fail before it is lost.</summary>
    public TimeSpan RenewInterval => LeaseDuration / 3;

    /// <summary>Every configuration error, each naming the option to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ClaimWindow <= TimeSpan.Zero || Settle <= TimeSpan.Zero)
        {
            errors.Add("jobs: the claim window and the settle time must be positive");
        }

        if (LeaseDuration < 3 * (ClaimWindow + Settle))
        {
            errors.Add($"jobs: the lease duration ({LeaseDuration.TotalSeconds} s) must be at least 3 × (claim window + settle) = {3 * (ClaimWindow + Settle).TotalSeconds} s");
        }

        return errors;
    }
}
