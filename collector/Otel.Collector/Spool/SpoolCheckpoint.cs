using System.Globalization;

namespace Otel.Collector.Spool;

/// <summary>
/// Everything before <see cref="Stored"/> is in ClickHouse. When <see cref="InsertingUntil"/> is set, the range
/// from <see cref="Stored"/> to it was being inserted: after a crash exactly that range is inserted again, with the
/// same deduplication tokens, so ClickHouse drops what had already arrived.
/// </summary>
internal readonly record struct SpoolCheckpoint(SpoolPosition Stored, SpoolPosition? InsertingUntil)
{
    public static SpoolCheckpoint Empty => new(new SpoolPosition(0, 0), null);

    public string Format() => InsertingUntil is { } until
        ? string.Create(CultureInfo.InvariantCulture, $"1 {Stored.Segment} {Stored.Offset} {until.Segment} {until.Offset}\n")
        : string.Create(CultureInfo.InvariantCulture, $"1 {Stored.Segment} {Stored.Offset}\n");

    /// <exception cref="InvalidDataException">The file is not a checkpoint this version wrote.</exception>
    public static SpoolCheckpoint Parse(string text, string file)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var numbers = fields.Select(f => long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (numbers is not [1, >= 0, >= 0] and not [1, >= 0, >= 0, >= 0, >= 0])
        {
            throw new InvalidDataException($"the spool checkpoint {file} is unreadable ('{text.Trim()}'); move the spool directory aside to start a new one");
        }

        var stored = new SpoolPosition(numbers[1], numbers[2]);
        return new SpoolCheckpoint(stored, numbers.Length == 5 ? new SpoolPosition(numbers[3], numbers[4]) : null);
    }
}
