using System.Globalization;
using System.Security.Cryptography;

namespace Otel.Collector.Jobs;

/// <summary>Who holds a lease: host name, process id and a random instance id, so two collectors on one host (or a restarted one) differ.</summary>
internal static class JobHolder
{
    public static string NewIdentity() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
}
