using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// A gate's metric condition, <c>KEY OP VALUE</c> or <c>KEY OP champion</c> (OP one of <c>&gt;=</c>, <c>&lt;=</c>,
/// <c>&gt;</c>, <c>&lt;</c>): the candidate's final value of KEY against a constant, or against the final value of the
/// version the alias points at when promoting. <see cref="Threshold"/> is null for champion.
/// </summary>
internal sealed partial record MetricCondition(string Key, string Operator, double? Threshold)
{
    public const string Champion = "champion";

    public const string AcceptedForms =
        "write KEY OP VALUE or KEY OP champion, with OP one of >=, <=, >, < (e.g. \"val_accuracy >= champion\", \"val_loss <= 0.3\")";

    public bool AgainstChampion => Threshold is null;

    /// <summary>The stored and shown form, e.g. <c>val_loss &lt;= 0.3</c>.</summary>
    public override string ToString() => $"{Key} {Operator} {(Threshold is { } value ? Numbers.Format(value) : Champion)}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out MetricCondition? condition, [NotNullWhen(false)] out string? error)
    {
        condition = null;
        var match = Form().Match(text ?? string.Empty);
        if (!match.Success)
        {
            error = $"'{text}' is not a metric condition: {AcceptedForms}";
            return false;
        }

        var right = match.Groups["right"].Value;
        double? threshold = null;
        if (!right.Equals(Champion, StringComparison.OrdinalIgnoreCase))
        {
            if (!double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                error = $"'{text}': '{right}' is neither a number nor 'champion'; {AcceptedForms}";
                return false;
            }

            threshold = value;
        }

        condition = new MetricCondition(match.Groups["key"].Value, match.Groups["op"].Value, threshold);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="candidate"/> satisfies the operator against <paramref name="reference"/>.</summary>
    public bool Holds(double candidate, double reference) => Operator switch
    {
        ">=" => candidate >= reference,
        "<=" => candidate <= reference,
        ">" => candidate > reference,
        _ => candidate < reference,
    };

    [GeneratedRegex(@"^\s*(?<key>[^\s<>=]+)\s*(?<op>>=|<=|>|<)\s*(?<right>\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
