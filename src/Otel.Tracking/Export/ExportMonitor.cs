namespace Otel.Tracking.Export;

/// <summary>
/// What the export guards of one tracker share: the targets they learnt, the one-time report, the offline store
/// (null when buffering is off) and the delivery to wake when a collector accepts again.
/// </summary>
internal sealed class ExportMonitor(ExportProblemReport report, OfflineStore? store)
{
    private bool _answered;

    public ExportTargets Targets { get; } = new();

    public ExportProblemReport Report => report;

    public OfflineStore? Store => store;

    /// <summary>Called after each accepted live export: buffered ones can follow now.</summary>
    public Action? OnAccepted { get; set; }

    /// <summary>True once a collector accepted a live export of this tracker: it answers at the configured endpoint.</summary>
    public bool CollectorAnswered => Volatile.Read(ref _answered);

    public bool TryKeep(string signal, byte[] message) => store?.TryKeep(signal, message) == true;

    public void Accepted()
    {
        Volatile.Write(ref _answered, true);
        OnAccepted?.Invoke();
    }
}
