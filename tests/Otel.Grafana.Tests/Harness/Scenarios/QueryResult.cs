using System.Globalization;
using System.Text.Json;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>One column of a result: its name and ClickHouse type (<c>DateTime64(9)</c>, <c>Nullable(Float64)</c>…).</summary>
public sealed record QueryColumn(string Name, string Type)
{
    private string Bare => Type.StartsWith("LowCardinality(", StringComparison.Ordinal) || Type.StartsWith("Nullable(", StringComparison.Ordinal)
        ? Type[(Type.IndexOf('(', StringComparison.Ordinal) + 1)..^1]
        : Type;

    /// <summary>A time Grafana can put on an axis: Date, DateTime or DateTime64 (maybe nullable).</summary>
    public bool IsTime => Bare.StartsWith("DateTime", StringComparison.Ordinal) || Bare is "Date" or "Date32";

    /// <summary>A number Grafana plots or alerts on: integers, floats and decimals (maybe nullable).</summary>
    public bool IsNumeric => Bare.StartsWith("Int", StringComparison.Ordinal) || Bare.StartsWith("UInt", StringComparison.Ordinal)
        || Bare.StartsWith("Float", StringComparison.Ordinal) || Bare.StartsWith("Decimal", StringComparison.Ordinal);

    /// <summary>A label: strings, enums and the like (everything not time or numeric).</summary>
    public bool IsText => !IsTime && !IsNumeric;
}

/// <summary>The rows of one query (ClickHouse's JSON format): values as JSON, 64-bit integers as strings.</summary>
public sealed record QueryResult(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Rows)
{
    public static QueryResult Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var columns = root.GetProperty("meta").EnumerateArray()
            .Select(c => new QueryColumn(c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!)).ToList();
        var rows = root.GetProperty("data").EnumerateArray()
            .Select(r => (IReadOnlyDictionary<string, JsonElement>)r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal))
            .ToList();
        return new QueryResult(columns, rows);
    }

    /// <summary>A numeric cell as a double (NaN for null, nan and inf kept).</summary>
    public static double Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString() switch
        {
            "nan" or "-nan" => double.NaN,
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var text => double.Parse(text!, CultureInfo.InvariantCulture),
        },
        _ => double.NaN,
    };

    /// <summary>Any cell as text (numbers invariant, null empty).</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
