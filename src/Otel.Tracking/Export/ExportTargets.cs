using System.Collections.Concurrent;

namespace Otel.Tracking.Export;

/// <summary>
/// What each signal's exporter last sent to, learnt from its own requests, so that buffered exports go exactly
/// where live ones go (the configured endpoint, protocol and paths, however they were configured).
/// </summary>
internal sealed class ExportTargets
{
    private readonly ConcurrentDictionary<string, ExportTarget> _bySignal = new(StringComparer.Ordinal);

    public void Observe(string signal, ExportTarget target)
    {
        if (!_bySignal.TryGetValue(signal, out var known) || known != target)
        {
            _bySignal[signal] = target;
        }
    }

    /// <summary>The signal's own target, else one derived from another signal's; null before any export.</summary>
    public ExportTarget? For(string signal)
    {
        if (_bySignal.TryGetValue(signal, out var own))
        {
            return own;
        }

        foreach (var (other, target) in _bySignal)
        {
            if (target.ForSignal(other, signal) is { } derived)
            {
                return derived;
            }
        }

        return null;
    }
}
