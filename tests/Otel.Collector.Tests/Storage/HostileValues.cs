namespace Otel.Collector.Tests.Storage;

/// <summary>String values that break naive SQL building or escaping, by name (the names keep test output readable).</summary>
internal static class HostileValues
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["empty"] = "",
        ["single quote"] = "it's",
        ["double quote"] = "say \"hi\"",
        ["sql comment"] = "x' -- ",
        ["statement separator"] = "'; DROP TABLE t; --",
        ["backtick"] = "`db`.`t`",
        ["single backslash"] = "a\\b",
        ["double backslash"] = "a\\\\b",
        ["trailing backslash"] = "ends with \\",
        ["backslash before quote"] = "\\'",
        ["escaped null marker"] = "\\N",
        ["null marker inside"] = "x\\Ny",
        ["tab"] = "a\tb",
        ["newline"] = "line1\nline2",
        ["carriage return"] = "a\r\nb\r",
        ["nul"] = "a\0b",
        ["other control characters"] = "\a\b\f\v\u001b",
        ["braces"] = "{v:String} {a:Array(String)}",
        ["brackets and commas"] = "['a','b']",
        ["unicode"] = "héllo wörld — 你好 🚀 \u00a0\u2028",
        ["percent and plus"] = "100% + 1 = &x=y#z",
        ["only spaces"] = "   ",
        ["large 100 KB"] = string.Concat(Enumerable.Repeat("0123456789'\\\t\n", 100 * 1024 / 14)),
    };

    public static TheoryData<string> Names => new(All.Keys);
}
