using System.Globalization;

namespace Otel.Collector.Registry.Governance;

/// <summary>Numbers in gate details and stored conditions: invariant, short, and exact enough to compare by eye.</summary>
internal static class Numbers
{
    public static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
