using System.Buffers.Binary;
using System.Text;

namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>
/// Reads Native blocks the way clickhouse-go does over HTTP for a protocol revision: block info when the revision is
/// above 0, a "custom serialization" byte after each column's type from 54454. Enough types for the tests' queries.
/// </summary>
internal sealed class NativeTestReader(byte[] data, ulong revision)
{
    private int _position;

    /// <summary>Every block's columns: name, type and values.</summary>
    public List<(string Name, string Type, List<object?> Values)> ReadAll()
    {
        var columns = new List<(string Name, string Type, List<object?> Values)>();
        while (_position < data.Length)
        {
            if (revision > 0)
            {
                Assert.Equal(1UL, VarUInt());
                Assert.Equal(0, data[_position++]);
                Assert.Equal(2UL, VarUInt());
                Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(Take(4)));
                Assert.Equal(0UL, VarUInt());
            }

            var count = (int)VarUInt();
            var rows = (int)VarUInt();
            for (var c = 0; c < count; c++)
            {
                var name = String();
                var type = String();
                if (revision >= 54454)
                {
                    Assert.Equal(0, data[_position++]);
                }

                if (rows > 0)
                {
                    Prefix(type);
                }

                var values = Column(type, rows);
                var existing = columns.FindIndex(x => x.Name == name);
                if (existing >= 0)
                {
                    columns[existing].Values.AddRange(values);
                }
                else
                {
                    columns.Add((name, type, values));
                }
            }
        }

        return columns;
    }

    /// <summary>Each LowCardinality inside a column writes its serialization version (1) before the column's data.</summary>
    private void Prefix(string type)
    {
        var (name, arguments) = Split(type);
        switch (name)
        {
            case "LowCardinality" or "JSON":
                Assert.Equal(1UL, BinaryPrimitives.ReadUInt64LittleEndian(Take(8)));
                break;
            case "Nullable" or "Array":
                Prefix(arguments);
                break;
            case "Map" or "Tuple":
                TopLevel(arguments).ForEach(Prefix);
                break;
        }
    }

    private static (string Name, string Arguments) Split(string type)
    {
        var open = type.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? (type, string.Empty) : (type[..open], type[(open + 1)..^1]);
    }

    private List<object?> Column(string type, int rows)
    {
        var values = new List<object?>(rows);
        var (name, arguments) = Split(type);
        switch (name)
        {
            case "LowCardinality":
                var flags = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
                Assert.Equal(1UL << 9, flags & (3UL << 8)); // keys of this block, no shared dictionary
                var keys = Column(arguments.StartsWith("Nullable(", StringComparison.Ordinal) ? arguments[9..^1] : arguments, (int)BinaryPrimitives.ReadUInt64LittleEndian(Take(8)));
                var indexes = (int)BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
                Assert.Equal(rows, indexes);
                var width = 1 << (int)(flags & 0xFF);
                for (var i = 0; i < indexes; i++)
                {
                    var index = width switch
                    {
                        1 => data[_position],
                        2 => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(_position)),
                        _ => (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(_position)),
                    };
                    _position += width;
                    values.Add(keys[index]);
                }

                return values;
            case "Nullable":
                var nulls = Take(rows).ToArray();
                return [.. Column(arguments, rows).Select((v, i) => nulls[i] == 1 ? null : v)];
            case "Array" or "Map":
                var offsets = Enumerable.Range(0, rows).Select(_ => BinaryPrimitives.ReadUInt64LittleEndian(Take(8))).ToArray();
                var inner = Column(name == "Map" ? $"Tuple({arguments})" : arguments, rows == 0 ? 0 : (int)offsets[^1]);
                var start = 0;
                foreach (var end in offsets)
                {
                    var items = inner.GetRange(start, (int)end - start);
                    values.Add(name == "Map" ? string.Join(",", items.Select(i => ((string)i!).Trim('(', ')').Replace(", ", "=", StringComparison.Ordinal))) : items);
                    start = (int)end;
                }

                return values;
            case "Tuple":
                var elements = TopLevel(arguments).Select(e => Column(e, rows)).ToList();
                return [.. Enumerable.Range(0, rows).Select(i => (object?)("(" + string.Join(", ", elements.Select(e => e[i])) + ")"))];
        }

        for (var row = 0; row < rows; row++)
        {
            values.Add(name switch
            {
                "UInt8" => data[_position++],
                "Enum8" => (sbyte)data[_position++],
                "UInt32" or "IPv4" => BinaryPrimitives.ReadUInt32LittleEndian(Take(4)),
                "UInt64" => BinaryPrimitives.ReadUInt64LittleEndian(Take(8)),
                "Int64" or "DateTime64" or "Decimal" => BinaryPrimitives.ReadInt64LittleEndian(Take(8)),
                "Float64" => BinaryPrimitives.ReadDoubleLittleEndian(Take(8)),
                "UUID" => Convert.ToHexString(Take(16)),
                "String" or "JSON" => String(),
                "FixedString" => Encoding.UTF8.GetString(Take(int.Parse(arguments, System.Globalization.CultureInfo.InvariantCulture))),
                _ => throw new InvalidOperationException("the test reader does not know " + type),
            });
        }

        return values;
    }

    /// <summary>Type arguments split at commas outside parentheses and quotes.</summary>
    private static List<string> TopLevel(string arguments)
    {
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            var c = arguments[i];
            if (c == '\'' && (i == 0 || arguments[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && c == ',')
            {
                parts.Add(arguments[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(arguments[start..].Trim());
        return parts;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        var span = data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private string String()
    {
        var length = (int)VarUInt();
        return Encoding.UTF8.GetString(Take(length));
    }

    private ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
