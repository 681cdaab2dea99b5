using System.Globalization;

namespace Otel.Collector.ClickHouse;

/// <summary>
/// Named values for <c>{name:Type}</c> placeholders. Values are kept in ClickHouse's
/// parameter text form, which both chDB and the HTTP interface parse after the SQL.
/// </summary>
internal sealed class QueryParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public QueryParameters Add(string name, string value)
    {
        _values[name] = ParameterText.EscapeScalar(value);
        return this;
    }

    /// <summary>A value already in ClickHouse's parameter text form, as HTTP clients send <c>param_NAME</c>; passed on unchanged.</summary>
    public QueryParameters AddText(string name, string text)
    {
        _values[name] = text;
        return this;
    }

    public QueryParameters Add(string name, long value)
    {
        _values[name] = value.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    public QueryParameters Add(string name, double value)
    {
        _values[name] = value.ToString("R", CultureInfo.InvariantCulture);
        return this;
    }

    public QueryParameters Add(string name, IEnumerable<string> values)
    {
        _values[name] = ParameterText.ArrayLiteral(values);
        return this;
    }
}
