namespace Otel.Collector.Redaction;

/// <summary>
/// The words of an attribute key, without allocating: letters only, split at every other character
/// (<c>.</c>, <c>_</c>, <c>-</c>, digits…) and at camelCase and acronym boundaries
/// (<c>apiKey</c>, <c>APIKey</c> → api, Key).
/// </summary>
internal ref struct KeyWords(ReadOnlySpan<char> key)
{
    private readonly ReadOnlySpan<char> key = key;
    private int next;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly KeyWords GetEnumerator() => this;

    public bool MoveNext()
    {
        var i = next;
        while (i < key.Length && !char.IsLetter(key[i]))
        {
            i++;
        }

        if (i >= key.Length)
        {
            next = i;
            return false;
        }

        var start = i++;
        while (i < key.Length && char.IsLetter(key[i]) && !StartsWord(i))
        {
            i++;
        }

        Current = key[start..i];
        next = i;
        return true;
    }

    private readonly bool StartsWord(int i)
    {
        if (!char.IsUpper(key[i]))
        {
            return false;
        }

        var previous = key[i - 1];
        return char.IsLower(previous) || (char.IsUpper(previous) && i + 1 < key.Length && char.IsLower(key[i + 1]));
    }
}
