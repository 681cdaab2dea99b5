using Microsoft.Extensions.Logging;

namespace Otel.Collector.Security;

/// <summary>
/// Keeps request URLs and request lines out of the logs, because a client may put a key there
/// (<c>?access_token=…</c>). ASP.NET Core's hosting diagnostics log every request's full URL at
/// Information and Debug, and Kestrel's bad-request log quotes the request line when Information is
/// enabled. Their rules are added after the configuration's (the last of equally specific rules
/// wins), for every provider and for the console's by name, so that no level set in configuration or
/// on the command line turns them back on. Headers
/// (<c>Authorization</c>) are logged by nothing in the collector.
/// </summary>
internal static class RequestUrlLogging
{
    private static readonly string[] Categories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
    ];

    private static readonly string?[] Providers = [null, "Console", "Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider"];

    public static void Silence(LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var provider in Providers)
        {
            foreach (var category in Categories)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, filter: null));
            }
        }
    }
}
