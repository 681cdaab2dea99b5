using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// Reads the parallel arrays of a batched <c>ml.metrics</c> event (wire contract v1) from the event's protobuf bytes
/// straight into metric columns: no <c>AnyValue</c> per element, a key string shared by equal keys. It reads only the
/// plain form, the one every SDK sends: each attribute of the event a key and a value, each array attribute an array
/// of string keys, int or double values, int steps and non-negative int timestamps, of equal lengths and within
/// <see cref="MetricArrayBounds"/>. Anything else is left to the object path (<see cref="MetricEventReader"/>), which
/// accepts or rejects it, and words why, as it always has.
/// </summary>
internal sealed class MetricArrayEventReader(MetricColumns points, MetricArrayBounds bounds, int requestBytes)
{
    /// <summary>The array attributes, in the order of <see cref="ArrayNames"/>: keys, values, steps, timestamps.</summary>
    public const int ArrayCount = 4;

    private const int Keys = 0;
    private const int Values = 1;
    private const int Steps = 2;
    private const int Timestamps = 3;

    private static readonly byte[] MetricsEventName = Encoding.UTF8.GetBytes(MlSemanticConventions.MetricsEvent);

    private static readonly byte[][] ArrayNames =
    [
        Encoding.UTF8.GetBytes(MlSemanticConventions.MetricKeys),
        Encoding.UTF8.GetBytes(MlSemanticConventions.MetricValues),
        Encoding.UTF8.GetBytes(MlSemanticConventions.MetricSteps),
        Encoding.UTF8.GetBytes(MlSemanticConventions.MetricTimestamps),
    ];

    private static readonly uint NameTag = ProtoWire.Tag(2, ProtoWire.LengthDelimited);
    private static readonly uint AttributeTag = ProtoWire.Tag(3, ProtoWire.LengthDelimited);
    private static readonly uint KeyTag = ProtoWire.Tag(1, ProtoWire.LengthDelimited);
    private static readonly uint ValueTag = ProtoWire.Tag(2, ProtoWire.LengthDelimited);
    private static readonly uint ArrayValueTag = ProtoWire.Tag(5, ProtoWire.LengthDelimited);
    private const byte ElementTag = 0x0A;
    private const byte StringValueTag = 0x0A;
    private const byte IntValueTag = 0x18;
    private const byte DoubleValueTag = 0x21;

    private readonly Utf8KeyStrings _keys = new();

    public MetricColumns Points => points;

    /// <summary>The event name, <c>ml.metrics</c>, in UTF-8: a request without it has nothing to read here.</summary>
    public static ReadOnlySpan<byte> EventName => MetricsEventName;

    /// <summary>The UTF-8 name of array attribute <paramref name="which"/> (0 keys, 1 values, 2 steps, 3 timestamps).</summary>
    public static ReadOnlySpan<byte> ArrayName(int which) => ArrayNames[which];

    /// <summary>
    /// When <paramref name="e"/> (the bytes of a span event) is an <c>ml.metrics</c> event in the plain form, appends its
    /// points (timestamp 0: the event's time) and fills <paramref name="arrays"/> with where each array attribute is in
    /// <paramref name="e"/>; otherwise appends nothing and returns false.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> e, Span<ArrayAttribute> arrays, out int start, out int count)
    {
        start = points.Count;
        count = 0;
        arrays.Clear();
        if (!TryFindArrays(e, arrays) || !arrays[Keys].IsPresent || !arrays[Values].IsPresent)
        {
            return false;
        }

        if (!TryCount(e.Slice(arrays[Keys].ArrayStart, arrays[Keys].ArrayLength), out count) || count > bounds.MaxLength)
        {
            return false;
        }

        for (var which = Values; which < ArrayCount; which++)
        {
            if (arrays[which].IsPresent && (!TryCount(e.Slice(arrays[which].ArrayStart, arrays[which].ArrayLength), out var other) || other != count))
            {
                return false;
            }
        }

        if (points.Count == 0)
        {
            // Room, at once, for as many points as the request holds if its other events are like this one: no column
            // grows step by step. At most about requestBytes / 9 points (the smallest element pair is 9 bytes).
            points.Reserve((int)Math.Max(count, (long)count * requestBytes / Math.Max(1, e.Length)));
        }

        if (ReadPoints(e, arrays, count))
        {
            return true;
        }

        points.Truncate(start);
        count = 0;
        return false;
    }

    /// <summary>Finds the event's array attributes; false unless the event is named <c>ml.metrics</c> and every attribute is a plain key and value.</summary>
    private static bool TryFindArrays(ReadOnlySpan<byte> e, Span<ArrayAttribute> arrays)
    {
        var isMetricsEvent = false;
        var position = 0;
        while (position < e.Length)
        {
            var fieldStart = position;
            if (!ProtoWire.TryReadTag(e, ref position, out var tag))
            {
                return false;
            }

            if (tag != NameTag && tag != AttributeTag)
            {
                if (!ProtoWire.TrySkip(e, ref position, tag))
                {
                    return false;
                }

                continue;
            }

            if (!ProtoWire.TryReadLength(e, ref position, out var length))
            {
                return false;
            }

            var content = e.Slice(position, length);
            var contentStart = position;
            position += length;
            if (tag == NameTag)
            {
                // The last name wins, as in any protobuf parser.
                isMetricsEvent = content.SequenceEqual(MetricsEventName);
                continue;
            }

            if (!TryReadKeyValue(content, out var key, out var valueStart, out var valueLength))
            {
                return false;
            }

            var which = WhichArray(content.Slice(key.Start, key.Length));
            if (which < 0)
            {
                continue;
            }

            if (arrays[which].IsPresent || !TryReadArrayValue(content.Slice(valueStart, valueLength), out var arrayStart, out var arrayLength))
            {
                return false;
            }

            arrays[which] = new ArrayAttribute(fieldStart, position, contentStart + valueStart + arrayStart, arrayLength);
        }

        return isMetricsEvent;
    }

    /// <summary>A KeyValue of exactly one key and one value, in either order.</summary>
    private static bool TryReadKeyValue(ReadOnlySpan<byte> keyValue, out (int Start, int Length) key, out int valueStart, out int valueLength)
    {
        key = (-1, 0);
        valueStart = -1;
        valueLength = 0;
        var position = 0;
        while (position < keyValue.Length)
        {
            if (!ProtoWire.TryReadTag(keyValue, ref position, out var tag) || (tag != KeyTag && tag != ValueTag)
                || !ProtoWire.TryReadLength(keyValue, ref position, out var length))
            {
                return false;
            }

            if (tag == KeyTag)
            {
                if (key.Start >= 0)
                {
                    return false;
                }

                key = (position, length);
            }
            else
            {
                if (valueStart >= 0)
                {
                    return false;
                }

                (valueStart, valueLength) = (position, length);
            }

            position += length;
        }

        return key.Start >= 0 && valueStart >= 0;
    }

    /// <summary>An AnyValue that is an array and nothing else.</summary>
    private static bool TryReadArrayValue(ReadOnlySpan<byte> value, out int arrayStart, out int arrayLength)
    {
        arrayStart = arrayLength = 0;
        var position = 0;
        if (!ProtoWire.TryReadTag(value, ref position, out var tag) || tag != ArrayValueTag || !ProtoWire.TryReadLength(value, ref position, out arrayLength))
        {
            return false;
        }

        arrayStart = position;
        return position + arrayLength == value.Length;
    }

    private static int WhichArray(ReadOnlySpan<byte> key)
    {
        for (var which = 0; which < ArrayCount; which++)
        {
            if (key.SequenceEqual(ArrayNames[which]))
            {
                return which;
            }
        }

        return -1;
    }

    /// <summary>The elements of an ArrayValue that holds nothing but elements.</summary>
    private static bool TryCount(ReadOnlySpan<byte> array, out int count)
    {
        count = 0;
        var position = 0;
        while (position < array.Length)
        {
            // One tag byte, as NextElement reads it.
            if (array[position++] != ElementTag || !ProtoWire.TryReadLength(array, ref position, out var length))
            {
                return false;
            }

            position += length;
            count++;
        }

        return true;
    }

    private bool ReadPoints(ReadOnlySpan<byte> e, ReadOnlySpan<ArrayAttribute> arrays, int count)
    {
        var keys = e.Slice(arrays[Keys].ArrayStart, arrays[Keys].ArrayLength);
        var values = e.Slice(arrays[Values].ArrayStart, arrays[Values].ArrayLength);
        var steps = arrays[Steps].IsPresent ? e.Slice(arrays[Steps].ArrayStart, arrays[Steps].ArrayLength) : default;
        var timestamps = arrays[Timestamps].IsPresent ? e.Slice(arrays[Timestamps].ArrayStart, arrays[Timestamps].ArrayLength) : default;
        int k = 0, v = 0, s = 0, t = 0;
        points.Reserve(count);
        for (var i = 0; i < count; i++)
        {
            long step = 0, timestamp = 0;
            if (!TryReadKey(NextElement(keys, ref k), out var key)
                || !TryReadNumber(NextElement(values, ref v), out var value)
                || (arrays[Steps].IsPresent && !TryReadInt(NextElement(steps, ref s), out step))
                || (arrays[Timestamps].IsPresent && (!TryReadInt(NextElement(timestamps, ref t), out timestamp) || timestamp < 0)))
            {
                return false;
            }

            points.Add(key, value, step, (ulong)timestamp);
        }

        return true;
    }

    /// <summary>The next element of an array already counted (so well formed).</summary>
    private static ReadOnlySpan<byte> NextElement(ReadOnlySpan<byte> array, ref int position)
    {
        position++;
        ProtoWire.TryReadLength(array, ref position, out var length);
        var element = array.Slice(position, length);
        position += length;
        return element;
    }

    private bool TryReadKey(ReadOnlySpan<byte> element, out string key)
    {
        key = string.Empty;
        var position = 1;
        if (element.IsEmpty || element[0] != StringValueTag || !ProtoWire.TryReadLength(element, ref position, out var length)
            || position + length != element.Length || length == 0 || length > bounds.MaxStringBytes)
        {
            return false;
        }

        return _keys.TryGet(element[position..], out key);
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> element, out double value)
    {
        if (element.Length == 9 && element[0] == DoubleValueTag)
        {
            value = BinaryPrimitives.ReadDoubleLittleEndian(element[1..]);
            return true;
        }

        var isInt = TryReadInt(element, out var integer);
        value = integer;
        return isInt;
    }

    private static bool TryReadInt(ReadOnlySpan<byte> element, out long value)
    {
        value = 0;
        var position = 1;
        if (element.IsEmpty || element[0] != IntValueTag || !ProtoWire.TryReadVarint(element, ref position, out var raw) || position != element.Length)
        {
            return false;
        }

        value = (long)raw;
        return true;
    }

    /// <summary>Strings of the keys seen last, so that a key repeated on every point is one string, not one per point.</summary>
    private sealed class Utf8KeyStrings
    {
        private const int Slots = 16;
        private const int LongestKept = 256;
        private readonly byte[]?[] _bytes = new byte[Slots][];
        private readonly string[] _strings = new string[Slots];
        private int _next;

        /// <summary>The key as a string; false when it is not valid UTF-8 (left to the object path, which decides what that means).</summary>
        public bool TryGet(ReadOnlySpan<byte> utf8, out string key)
        {
            for (var i = 0; i < Slots; i++)
            {
                if (_bytes[i] is { } known && utf8.SequenceEqual(known))
                {
                    key = _strings[i];
                    return true;
                }
            }

            if (!Utf8.IsValid(utf8))
            {
                key = string.Empty;
                return false;
            }

            key = Encoding.UTF8.GetString(utf8);
            if (utf8.Length <= LongestKept)
            {
                _bytes[_next] = utf8.ToArray();
                _strings[_next] = key;
                _next = (_next + 1) % Slots;
            }

            return true;
        }
    }
}

/// <summary>Where one array attribute of an event is: the whole attribute field, and the ArrayValue's content within the event.</summary>
internal readonly record struct ArrayAttribute(int FieldStart, int FieldEnd, int ArrayStart, int ArrayLength)
{
    public bool IsPresent => FieldEnd > 0;
}
