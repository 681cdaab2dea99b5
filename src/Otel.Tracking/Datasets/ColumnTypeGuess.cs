using System.Globalization;

namespace Otel.Tracking.Datasets;

/// <summary>The narrowest of int, double, bool, string that every non-empty sampled value of a CSV column fits.</summary>
internal sealed class ColumnTypeGuess
{
    private bool _seen;
    private bool _notInt;
    private bool _notDouble;
    private bool _notBool;

    public void Observe(string value, bool truncated)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return;
        }

        _seen = true;
        if (truncated)
        {
            _notInt = _notDouble = _notBool = true;
            return;
        }

        _notInt |= !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        _notDouble |= !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        _notBool |= !bool.TryParse(text, out _);
    }

    public string Type => !_seen ? "string" : !_notInt ? "int" : !_notDouble ? "double" : !_notBool ? "bool" : "string";
}
