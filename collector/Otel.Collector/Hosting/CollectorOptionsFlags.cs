using System.Text;

namespace Otel.Collector.Hosting;

/// <summary>
/// The <c>otel-track serve</c> flag of a receiver option or edge limit: its property name in kebab
/// case (<c>MaxSpansPerRequest</c> is <c>--max-spans-per-request</c>). The CLI names its flags and
/// the validator names them in errors with this one function, so the two cannot drift apart.
/// </summary>
internal static class CollectorOptionsFlags
{
    public static string Of(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        var flag = new StringBuilder("-");
        foreach (var c in propertyName)
        {
            if (char.IsUpper(c))
            {
                flag.Append('-');
            }

            flag.Append(char.ToLowerInvariant(c));
        }

        return flag.ToString();
    }
}
