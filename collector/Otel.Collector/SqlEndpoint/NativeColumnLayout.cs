using System.Text;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// How many bytes a Native column of a type takes, so that <see cref="NativeBlocks"/> can find where it ends: fixed
/// widths, strings, LowCardinality (the OTel tables' attribute maps use it), and the compositions of them (Nullable,
/// Array, Map, Tuple, Nested, geo types). A column is its serialization state prefix (one UInt64 version per
/// LowCardinality inside it, and per JSON, which the endpoint has the engine write as strings: version 1) followed by its
/// data. Types with other state (Dynamic, Variant, aggregate states) are refused with what to do instead.
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

    /// <summary>LowCardinality index flags: the low byte is the index width, then whether a shared dictionary or keys of this block follow.</summary>
    private const ulong NeedGlobalDictionary = 1UL << 8;
    private const ulong HasAdditionalKeys = 1UL << 9;

    /// <summary>Skips a column of <paramref name="rows"/> rows (none at all when there are none, as ClickHouse writes it).</summary>
    public static void Skip(byte[] data, ref int position, string type, ulong rows)
    {
        if (rows == 0)
        {
            return;
        }

        SkipPrefix(data, ref position, type);
        SkipData(data, ref position, type, rows);
    }

    /// <summary>JSON's serialization version when written as strings (<c>output_format_native_write_json_as_string</c>).</summary>
    private const ulong JsonAsString = 1;

    /// <summary>The state written before a column's data: each LowCardinality and JSON inside it writes its version (UInt64).</summary>
    private static void SkipPrefix(byte[] data, ref int position, string type)
    {
        var (name, arguments) = Split(type.Trim());
        switch (name)
        {
            case "LowCardinality":
                NativeBlocks.Advance(data, ref position, 8);
                break;
            case "JSON":
                if (NativeBlocks.ReadUInt64(data, position) != JsonAsString)
                {
                    throw new SqlEndpointException(ClickHouseErrors.NotImplemented,
                        $"A column of type {type} came in its native JSON serialization, which this endpoint cannot send in the Native format: cast it (toString(…)) or ask for a JSON format");
                }

                NativeBlocks.Advance(data, ref position, 8);
                break;
            case "Nullable" or "Array":
                SkipPrefix(data, ref position, arguments);
                break;
            case "Map" or "Nested" or "Tuple":
                foreach (var element in Arguments(arguments))
                {
                    SkipPrefix(data, ref position, ElementType(element));
                }

                break;
            case "SimpleAggregateFunction":
                SkipPrefix(data, ref position, string.Join(", ", Arguments(arguments).Skip(1)));
                break;
            default:
                if (Aliases.TryGetValue(name, out var alias))
                {
                    SkipPrefix(data, ref position, alias);
                }

                break;
        }
    }

    private static void SkipData(byte[] data, ref int position, string type, ulong rows)
    {
        var (name, arguments) = Split(type.Trim());
        if (Aliases.TryGetValue(name, out var alias))
        {
            SkipData(data, ref position, alias, rows);
        }
        else if (name == "LowCardinality")
        {
            SkipLowCardinality(data, ref position, arguments, rows);
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
        else if (name is "String" or "JSON")
        {
            for (ulong row = 0; row < rows; row++)
            {
                NativeBlocks.SkipString(data, ref position);
            }
        }
        else if (name == "Nullable")
        {
            NativeBlocks.Advance(data, ref position, rows);
            SkipData(data, ref position, arguments, rows);
        }
        else if (name is "Array" or "Map" or "Nested")
        {
            var elements = SkipOffsets(data, ref position, rows);
            SkipData(data, ref position, name == "Array" ? arguments : $"Tuple({arguments})", elements);
        }
        else if (name == "Tuple")
        {
            foreach (var element in Arguments(arguments))
            {
                SkipData(data, ref position, ElementType(element), rows);
            }
        }
        else if (name == "SimpleAggregateFunction")
        {
            var parts = Arguments(arguments);
            SkipData(data, ref position, string.Join(", ", parts.Skip(1)), rows);
        }
        else
        {
            throw new SqlEndpointException(ClickHouseErrors.NotImplemented,
                $"A column of type {type} cannot be sent in the Native format by this endpoint: cast it (toString(…)) or ask for a JSON or TabSeparated format");
        }
    }

    /// <summary>
    /// LowCardinality data: index flags (UInt64), the keys this block adds (a count and a column of the type without
    /// Nullable), then the indexes (a count and that many integers of the flagged width); repeated until every row is read.
    /// </summary>
    private static void SkipLowCardinality(byte[] data, ref int position, string inner, ulong rows)
    {
        var (innerName, innerArguments) = Split(inner.Trim());
        var dictionary = innerName == "Nullable" ? innerArguments : inner;
        for (ulong read = 0; read < rows;)
        {
            var flags = NativeBlocks.ReadUInt64(data, position);
            NativeBlocks.Advance(data, ref position, 8);
            if ((flags & NeedGlobalDictionary) != 0 || (flags & 0xFF) > 3)
            {
                throw new SqlEndpointException(ClickHouseErrors.NotImplemented,
                    $"A LowCardinality({inner}) column with a shared dictionary cannot be sent in the Native format by this endpoint: cast it or ask for a JSON format");
            }

            if ((flags & HasAdditionalKeys) != 0)
            {
                var keys = NativeBlocks.ReadUInt64(data, position);
                NativeBlocks.Advance(data, ref position, 8);
                SkipData(data, ref position, dictionary, keys);
            }

            var indexes = NativeBlocks.ReadUInt64(data, position);
            NativeBlocks.Advance(data, ref position, 8);
            NativeBlocks.Advance(data, ref position, indexes << (int)(flags & 0xFF));
            read += Math.Max(indexes, 1);
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
