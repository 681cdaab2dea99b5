using System.Buffers;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of encoded requests: every run of a seed produces the same inputs, so a
/// failure names the seed and iteration that reproduce it.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[][] HostileBytes = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>One to four protobuf-minded mutations of <paramref name="input"/>; <paramref name="other"/> is spliced in sometimes.</summary>
    public (byte[] Bytes, string Description) MutateProtobuf(byte[] input, byte[] other)
    {
        if (_random.Next(20) == 0)
        {
            return (RandomBytes(_random.Next(0, 257)), "random bytes");
        }

        var data = new List<byte>(input);
        var steps = new List<string>();

        // Mostly one mutation, so that a good share still decodes and reaches ingest decoding.
        var count = _random.Next(3) == 0 ? 2 + _random.Next(3) : 1;
        for (var i = 0; i < count; i++)
        {
            steps.Add(_random.Next(10) switch
            {
                0 => FlipBit(data),
                1 => SetByte(data),
                2 => Truncate(data),
                3 => InsertLengthPrefix(data),
                4 => OverwriteVarint(data),
                5 => DeleteRange(data),
                6 => DuplicateRange(data),
                7 => InsertBytes(data, RandomBytes(1 + _random.Next(16)), "random"),
                8 => Splice(data, other),
                _ => CorruptWireType(data),
            });
        }

        return ([.. data], string.Join(", ", steps));
    }

    /// <summary>One to three text-minded mutations of a UTF-8 JSON body.</summary>
    public (byte[] Bytes, string Description) MutateJson(byte[] input, byte[] other)
    {
        if (_random.Next(25) == 0)
        {
            return (RandomBytes(_random.Next(0, 129)), "random bytes");
        }

        var data = new List<byte>(input);
        var steps = new List<string>();
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            steps.Add(_random.Next(11) switch
            {
                0 => DeleteRange(data, maxLength: 4),
                1 => InsertBytes(data, [(byte)"{}[]:,\"\\"[_random.Next(8)]], "structural"),
                2 => ReplaceNumber(data),
                3 => InsertBytes(data, "\\ud800\\udc00\\ud800\\udfff"u8.ToArray().AsSpan(_random.Next(4) * 6, 6).ToArray(), "surrogate escape"),
                4 => InsertBytes(data, HostileBytes[_random.Next(HostileBytes.Length)], "invalid UTF-8"),
                5 => Truncate(data),
                6 => DuplicateRange(data),
                7 => ReplaceValue(data),
                8 => ReplaceHexDigit(data),
                9 => Splice(data, other),
                _ => SetByte(data),
            });
        }

        return ([.. data], string.Join(", ", steps));
    }

    /// <summary><paramref name="data"/> as a sequence of one to eight segments, as a pooled request body or a gRPC frame arrives.</summary>
    public ReadOnlySequence<byte> Segmented(byte[] data)
    {
        var pieces = data.Length < 2 ? 1 : 1 + _random.Next(Math.Min(8, data.Length));
        if (pieces == 1)
        {
            return new ReadOnlySequence<byte>(data);
        }

        var cuts = Enumerable.Range(0, pieces - 1).Select(_ => _random.Next(1, data.Length)).Distinct().Order().ToList();
        cuts.Add(data.Length);
        var first = new Segment(data.AsMemory(0, cuts[0]), 0);
        var last = first;
        for (var i = 1; i < cuts.Count; i++)
        {
            last = last.Append(data.AsMemory(cuts[i - 1], cuts[i] - cuts[i - 1]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private int Position(List<byte> data) => data.Count == 0 ? 0 : _random.Next(data.Count);

    private string FlipBit(List<byte> data)
    {
        if (data.Count == 0)
        {
            return "flip (empty)";
        }

        var at = Position(data);
        data[at] ^= (byte)(1 << _random.Next(8));
        return $"flip@{at}";
    }

    private string SetByte(List<byte> data)
    {
        if (data.Count == 0)
        {
            return "set (empty)";
        }

        var at = Position(data);
        data[at] = (byte)_random.Next(256);
        return $"set@{at}";
    }

    private string Truncate(List<byte> data)
    {
        var keep = data.Count == 0 ? 0 : _random.Next(data.Count);
        data.RemoveRange(keep, data.Count - keep);
        return $"truncate@{keep}";
    }

    /// <summary>A length-delimited field with a length that may be anything from 0 to past the end of the buffer.</summary>
    private string InsertLengthPrefix(List<byte> data)
    {
        var field = 1 + _random.Next(20);
        ulong length = _random.Next(5) switch
        {
            0 => (ulong)_random.Next(16),
            1 => (ulong)(data.Count + _random.Next(1, 1024)),
            2 => int.MaxValue - (ulong)_random.Next(16),
            3 => uint.MaxValue - (ulong)_random.Next(16),
            _ => ulong.MaxValue - (ulong)_random.Next(16),
        };
        var at = Position(data);
        data.InsertRange(at, [(byte)((field << 3) | 2), .. Varint(length)]);
        return $"length-prefix {length}@{at}";
    }

    private string OverwriteVarint(List<byte> data)
    {
        var at = Position(data);
        var varint = _random.Next(3) switch
        {
            0 => Varint(ulong.MaxValue),
            1 => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], // 11 bytes: malformed
            _ => Varint((ulong)_random.NextInt64()),
        };
        for (var i = 0; i < varint.Length && at + i < data.Count; i++)
        {
            data[at + i] = varint[i];
        }

        return $"varint@{at}";
    }

    private string DeleteRange(List<byte> data, int maxLength = 64)
    {
        if (data.Count == 0)
        {
            return "delete (empty)";
        }

        var at = Position(data);
        var length = Math.Min(data.Count - at, 1 + _random.Next(maxLength));
        data.RemoveRange(at, length);
        return $"delete {length}@{at}";
    }

    private string DuplicateRange(List<byte> data)
    {
        if (data.Count == 0)
        {
            return "duplicate (empty)";
        }

        var from = Position(data);
        var length = Math.Min(data.Count - from, 1 + _random.Next(64));
        var to = Position(data);
        data.InsertRange(to, data.GetRange(from, length));
        return $"duplicate {length} {from}->{to}";
    }

    private string InsertBytes(List<byte> data, byte[] bytes, string what)
    {
        var at = data.Count == 0 ? 0 : _random.Next(data.Count + 1);
        data.InsertRange(at, bytes);
        return $"insert {what}@{at}";
    }

    private string Splice(List<byte> data, byte[] other)
    {
        var keep = data.Count == 0 ? 0 : _random.Next(data.Count);
        var from = other.Length == 0 ? 0 : _random.Next(other.Length);
        data.RemoveRange(keep, data.Count - keep);
        data.AddRange(other.AsSpan(from).ToArray());
        return $"splice {keep}+other[{from}..]";
    }

    /// <summary>Sets the wire type bits of a byte to group start/end or one of the two undefined types.</summary>
    private string CorruptWireType(List<byte> data)
    {
        if (data.Count == 0)
        {
            return "wire-type (empty)";
        }

        var at = Position(data);
        int[] wireTypes = [3, 4, 6, 7];
        data[at] = (byte)((data[at] & ~7) | wireTypes[_random.Next(wireTypes.Length)]);
        return $"wire-type@{at}";
    }

    private string ReplaceNumber(List<byte> data)
    {
        var digits = Enumerable.Range(0, data.Count).Where(i => data[i] is >= (byte)'0' and <= (byte)'9').ToList();
        if (digits.Count == 0)
        {
            return "number (none)";
        }

        var at = digits[_random.Next(digits.Count)];
        var end = at;
        while (end < data.Count && (data[end] is >= (byte)'0' and <= (byte)'9' || data[end] is (byte)'.' or (byte)'e' or (byte)'-'))
        {
            end++;
        }

        string[] numbers = ["1e400", "-1", "18446744073709551616", "9223372036854775808", "-9223372036854775809", "1.5", "NaN", "0x10", "-0", "1e-400", "00012", "\"12\"", "\"-1\"", "\"1e3\""];
        var number = numbers[_random.Next(numbers.Length)];
        data.RemoveRange(at, end - at);
        data.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(number));
        return $"number {number}@{at}";
    }

    private string ReplaceValue(List<byte> data)
    {
        var colons = Enumerable.Range(0, data.Count).Where(i => data[i] == (byte)':').ToList();
        if (colons.Count == 0)
        {
            return "value (none)";
        }

        var at = colons[_random.Next(colons.Count)] + 1;
        string[] values = ["null", "true", "[]", "{}", "\"text\"", "0", "[null]", "{\"stringValue\":null}", "\"\""];
        var value = values[_random.Next(values.Length)];

        // Replace up to the next comma or closing bracket at the same level (roughly: the next one).
        var end = at;
        while (end < data.Count && data[end] is not ((byte)',' or (byte)'}' or (byte)']'))
        {
            end++;
        }

        data.RemoveRange(at, end - at);
        data.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(value));
        return $"value {value}@{at}";
    }

    private string ReplaceHexDigit(List<byte> data)
    {
        var hex = Enumerable.Range(0, data.Count).Where(i => data[i] is >= (byte)'a' and <= (byte)'f').ToList();
        if (hex.Count == 0)
        {
            return "hex (none)";
        }

        var at = hex[_random.Next(hex.Count)];
        data[at] = (byte)"gGzZ \u00e9"[_random.Next(6)];
        return $"hex@{at}";
    }

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>(10);
        do
        {
            var next = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? next : (byte)(next | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
