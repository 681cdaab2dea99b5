using System.Globalization;

namespace Otel.Cli.Output;

internal static class Format
{
    /// <summary>
    /// A metric or param value, short: ordinary values as they read (<c>42</c>, <c>0.8123</c>, <c>1234.5</c>); below 0.001 and from
    /// 10^15 up, four significant digits with an exponent as Python and MLflow print them (<c>1.253e-10</c>, <c>3e-05</c>,
    /// <c>1e+21</c>), so a small loss or learning rate never reads as 0.
    /// </summary>
    public static string Number(double value) => Math.Abs(value) switch
    {
        double.NaN or double.PositiveInfinity => value.ToString(CultureInfo.InvariantCulture),
        0 => "0",
        < 0.001 or >= 1e15 => value.ToString("0.###e+00", CultureInfo.InvariantCulture),
        var magnitude => value.ToString(magnitude >= 1000 || value == Math.Floor(value) ? "0.###" : "0.####", CultureInfo.InvariantCulture),
    };

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
        _ => ConsoleText.Escape(status),
    };
}
