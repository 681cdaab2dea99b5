using System.Globalization;
using Spectre.Console;

namespace Otel.Cli.Output;

internal static class Format
{
    public static string Number(double value) => double.IsFinite(value)
        ? value.ToString(Math.Abs(value) >= 1000 || value == Math.Floor(value) ? "0.###" : "0.####", CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>To the minute, for lists where seconds would only cost width.</summary>
    public static string Minute(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string Duration(DateTimeOffset start, DateTimeOffset? end) =>
        end is null ? "-" : Duration((end.Value - start).TotalSeconds);

    /// <summary>Seconds as people read them: "42.0 s", "3.5 h", "2.1 d".</summary>
    public static string Duration(double seconds) => Math.Abs(seconds) switch
    {
        < 120 => seconds.ToString("0.0' s'", CultureInfo.InvariantCulture),
        < 7200 => (seconds / 60).ToString("0.0' min'", CultureInfo.InvariantCulture),
        < 172800 => (seconds / 3600).ToString("0.0' h'", CultureInfo.InvariantCulture),
        _ => (seconds / 86400).ToString("0.0' d'", CultureInfo.InvariantCulture),
    };

    public static string Status(string status) => status switch
    {
        "FINISHED" => "[green]FINISHED[/]",
        "RUNNING" => "[blue]RUNNING[/]",
        "FAILED" => "[red]FAILED[/]",
        "KILLED" => "[yellow]KILLED[/]",
        "LOST" => "[grey]LOST[/]",
        _ => Markup.Escape(status),
    };
}
