using System.Text;

namespace Otel.Collector.ClickHouse;

/// <summary>The start of a statement for error messages: enough to recognize it, never a whole insert body.</summary>
internal static class SqlExcerpt
{
    public const int MaxCharacters = 200;

    public static string Of(string sql) =>
        sql.Length <= MaxCharacters ? sql : string.Concat(sql.AsSpan(0, MaxCharacters), "…");

    public static string Of(ReadOnlySpan<byte> sql) =>
        Of(Encoding.UTF8.GetString(sql[..Math.Min(sql.Length, MaxCharacters * 4)]));
}
