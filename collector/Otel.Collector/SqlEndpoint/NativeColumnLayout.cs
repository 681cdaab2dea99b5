using System.Text;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// How many bytes a Native column of a type takes, so that <see cref="NativeBlocks"/> can find where it ends: fixed
/// widths, strings, and the compositions of them (Nullable, Array, Map, Tuple, Nested, geo types). Types with
/// serialization state (LowCardinality, JSON, Dynamic, Variant, aggregate states) are refused with what to do instead;
/// the endpoint asks the engine to write LowCardinality and JSON as plain types when the format is Native.
/// </summary>
internal static class NativeColumnLayout
{
    private static readonly Dictionary<string, int> FixedWidths = new(StringComparer.Ordinal)
    {
        ["UInt8"] = 1, ["Int8"] = 1, ["Bool"] = 1, ["Enum8"] = 1, ["Nothing"] = 1,
        ["UInt16"] = 2, ["Int16"] = 2, ["Enum16"] = 2, ["Date"] = 2, ["BFloat16"] = 2,
        ["UInt32"] = 4, ["Int32"] = 4, ["Float32"] = 4, ["Date32"] = 4, ["DateTime"] = 4, ["IPv4"] = 4, ["Time"] = 4, ["Decimal32"] = 4,
        ["UInt64"] = 8, ["Int64"] = 8, ["Float64"] = 8, ["DateTime64"] = 8, ["Time64"] = 8, ["Decimal64"] = 8,
        ["UInt128"] = 16, ["Int128"] = 16, ["UUID"] = 16, ["IPv6"] = 16, ["Decimal128"] = 16, ["Point"] = 16,
        ["UInt256"] = 32, ["Int256"] = 32, ["Decimal256"] = 32,
    };

    /// <summary>Geo types are arrays of simpler ones.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["Ring"] = "Array(Point)", ["LineString"] = "Array(Point)", ["Polygon"] = "Array(Ring)",
        ["MultiLineString"] = "Array(LineString)", ["MultiPolygon"] = "Array(Polygon)",
    };

    public static void Skip(byte[] data, ref int position, string type, ulong rows)
    {
        var (name, arguments) = Split(type.Trim());
        if (Aliases.TryGetValue(name, out var alias))
        {
            Skip(data, ref position, alias, rows);
        }
        else if (name == "Decimal")
        {
            var precision = int.Parse(Arguments(arguments)[0], System.Globalization.CultureInfo.InvariantCulture);
            NativeBlocks.Advance(data, ref position, rows * (ulong)(precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32));
        }
        else if (FixedWidth(name) is { } width)
        {
            NativeBlocks.Advance(data, ref position, rows * (ulong)width);
        }
        else if (name == "FixedString")
        {
            NativeBlocks.Advance(data, ref position, rows * ulong.Parse(arguments, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (name == "String")
        {
            for (ulong row = 0; row < rows; row++)
            {
                NativeBlocks.SkipString(data, ref position);
            }
        }
        else if (name == "Nullable")
        {
            NativeBlocks.Advance(data, ref position, rows);
            Skip(data, ref position, arguments, rows);
        }
        else if (name is "Array" or "Map" or "Nested")
        {
            var elements = SkipOffsets(data, ref position, rows);
            Skip(data, ref position, name == "Array" ? arguments : $"Tuple({arguments})", elements);
        }
        else if (name == "Tuple")
        {
            foreach (var element in Arguments(arguments))
            {
                Skip(data, ref position, ElementType(element), rows);
            }
        }
        else if (name == "SimpleAggregateFunction")
        {
            var parts = Arguments(arguments);
            Skip(data, ref position, string.Join(", ", parts.Skip(1)), rows);
        }
        else
        {
            throw new SqlEndpointException(ClickHouseErrors.NotImplemented,
                $"A column of type {type} cannot be sent in the Native format by this endpoint: cast it (toString(…)) or ask for a JSON or TabSeparated format");
        }
    }

    /// <summary>Bytes per row of a fixed-width type (every Interval type is an Int64), or null.</summary>
    private static int? FixedWidth(string name) =>
        FixedWidths.TryGetValue(name, out var width) ? width : name.StartsWith("Interval", StringComparison.Ordinal) ? 8 : null;

    /// <summary>An array's offsets: one UInt64 per row, the last being the number of elements of the column.</summary>
    private static ulong SkipOffsets(byte[] data, ref int position, ulong rows)
    {
        if (rows == 0)
        {
            return 0;
        }

        var start = position;
        NativeBlocks.Advance(data, ref position, rows * 8);
        return NativeBlocks.ReadUInt64(data, start + (int)((rows - 1) * 8));
    }

    private static (string Name, string Arguments) Split(string type)
    {
        var open = type.IndexOf('(', StringComparison.Ordinal);
        return open < 0 || !type.EndsWith(')') ? (type, string.Empty) : (type[..open], type[(open + 1)..^1]);
    }

    /// <summary>A named tuple element is <c>name Type</c> (the name possibly back-quoted); an unnamed one is just the type.</summary>
    private static string ElementType(string element)
    {
        element = element.Trim();
        if (element.StartsWith('`'))
        {
            var close = element.IndexOf('`', 1);
            return element[(close + 1)..].Trim();
        }

        var space = element.IndexOf(' ', StringComparison.Ordinal);
        var open = element.IndexOf('(', StringComparison.Ordinal);
        return space > 0 && (open < 0 || space < open) ? element[(space + 1)..].Trim() : element;
    }

    /// <summary>Arguments split at top-level commas, outside parentheses and quotes.</summary>
    private static List<string> Arguments(string arguments)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var current = new StringBuilder();
        for (var i = 0; i < arguments.Length; i++)
        {
            var c = arguments[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < arguments.Length)
                {
                    current.Append(c);
                    c = arguments[++i];
                }
                else if (c == '\'')
                {
                    quoted = false;
                }
            }
            else if (c == '\'')
            {
                quoted = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString().Trim());
        return parts;
    }
}
