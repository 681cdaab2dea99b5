namespace Otel.Collector.Sinks.Rows;

/// <summary>Joining the encoded rows of several requests into the body of one insert.</summary>
internal static class RowParts
{
    /// <summary>The parts back to back; a single part is returned as it is, without a copy.</summary>
    public static ReadOnlyMemory<byte> Concatenate(IReadOnlyList<ReadOnlyMemory<byte>> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var buffer = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(buffer.AsMemory(offset));
            offset += part.Length;
        }

        return buffer;
    }
}
