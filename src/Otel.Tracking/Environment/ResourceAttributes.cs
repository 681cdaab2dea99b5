namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// Resource attributes being collected. Missing or empty values are skipped, so a probe can add what it found
/// without checking each value; the first value of a key wins.
/// </summary>
internal sealed class ResourceAttributes
{
    private readonly List<KeyValuePair<string, object>> _items = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, object>> Items => _items;

    public void Add(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            AddCore(key, value.Trim());
        }
    }

    public void Add(string key, long? value)
    {
        if (value is { } number)
        {
            AddCore(key, number);
        }
    }

    public void Add(string key, bool value) => AddCore(key, value);

    public void Add(string key, string[]? values)
    {
        if (values is { Length: > 0 })
        {
            AddCore(key, values);
        }
    }

    public void AddRange(ResourceAttributes other)
    {
        foreach (var (key, value) in other._items)
        {
            AddCore(key, value);
        }
    }

    public object? this[string key] => _items.FirstOrDefault(item => item.Key == key).Value;

    private void AddCore(string key, object value)
    {
        if (_keys.Add(key))
        {
            _items.Add(new(key, value));
        }
    }
}
