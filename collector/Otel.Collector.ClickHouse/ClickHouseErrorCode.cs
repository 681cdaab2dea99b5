using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Collector.ClickHouse;

/// <summary>
/// Reads ClickHouse's numeric error code: chDB's messages start <c>Code: NNN. DB::Exception: …</c>; the server sends
/// the code in the <c>X-ClickHouse-Exception-Code</c> header, which ClickHouse.Driver exposes as the exception's
/// <c>DbException.ErrorCode</c>, and repeats it in the body's message.
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
