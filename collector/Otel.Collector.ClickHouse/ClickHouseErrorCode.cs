using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Collector.ClickHouse;

/// <summary>
/// Reads ClickHouse's numeric error code: chDB's messages and the server's error bodies start
/// <c>Code: NNN. DB::Exception: …</c>; when a server's body is empty, ClickHouse.Driver puts the
/// <c>X-ClickHouse-Exception-Code: NNN</c> header in its message instead, and a driver that fills
/// <c>DbException.ErrorCode</c> is read first.
/// </summary>
internal static partial class ClickHouseErrorCode
{
    /// <summary>The code in a chDB or server error message; null when it names none.</summary>
    public static int? FromMessage(string? message)
    {
        var match = message is null ? Match.Empty : CodePattern().Match(message);
        return match.Success && int.TryParse(match.Groups["code"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    /// <summary>The code of a failure reported by ClickHouse.Driver: its header-derived code, else the message's.</summary>
    public static int? FromDriver(Exception exception) =>
        exception is DbException { ErrorCode: > 0 } database ? database.ErrorCode : FromMessage(exception.Message);

    [GeneratedRegex(@"\bCode: (?<code>[0-9]{1,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
