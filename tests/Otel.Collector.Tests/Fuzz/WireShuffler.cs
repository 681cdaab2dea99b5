using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// Re-encodes a valid OTLP message with the same meaning to a protobuf parser but in unusual wire forms: fields in
/// another order (a name after the attributes, events before them), fields repeated (the last one wins), unknown
/// fields, and lengths padded to five bytes. Repeated fields may also change order, which changes the message: the
/// differential tests only need both decoders to agree on it.
/// </summary>
internal static class WireShuffler
{
    public static byte[] Shuffle(ReadOnlySpan<byte> message, OtlpMessage kind, Random random)
    {
        var fields = new List<byte[]>();
        var position = 0;
        while (position < message.Length)
        {
            var start = position;
            if (!ProtoWire.TryReadTag(message, ref position, out var tag))
            {
                return message.ToArray();
            }

            var field = (int)(tag >> 3);
            var child = OtlpSchema.Child(kind, field);
            if ((tag & 7) != ProtoWire.LengthDelimited || child is OtlpMessage.None or OtlpMessage.RepeatedString)
            {
                if (!ProtoWire.TrySkip(message, ref position, tag))
                {
                    return message.ToArray();
                }

                fields.Add(message[start..position].ToArray());
                continue;
            }

            if (!ProtoWire.TryReadLength(message, ref position, out var length))
            {
                return message.ToArray();
            }

            var content = Shuffle(message.Slice(position, length), child, random);
            position += length;
            fields.Add([.. Mutator.Varint(tag), .. Length(content.Length, random), .. content]);
        }

        // Rarely inside values: an array whose every element is altered is never read from the bytes, which proves little.
        var rarity = kind is OtlpMessage.AnyValue or OtlpMessage.ArrayValue or OtlpMessage.KeyValue ? 400 : 8;
        if (fields.Count > 0 && random.Next(rarity) == 0)
        {
            fields.Add(fields[random.Next(fields.Count)]);
        }

        if (random.Next(rarity) == 0)
        {
            fields.Insert(random.Next(fields.Count + 1), [.. Mutator.Varint((ulong)((1000 + random.Next(100)) << 3)), .. Mutator.Varint((ulong)random.Next(1000))]);
        }

        if (random.Next(2) == 0)
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fields));
        }

        return [.. fields.SelectMany(f => f)];
    }

    private static byte[] Length(int length, Random random)
    {
        if (random.Next(10) != 0)
        {
            return Mutator.Varint((ulong)length);
        }

        var padded = new byte[5];
        ProtoWire.WritePaddedVarint(padded, (uint)length, 5);
        return padded;
    }
}
