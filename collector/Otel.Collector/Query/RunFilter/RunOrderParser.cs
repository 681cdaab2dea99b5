namespace Otel.Collector.Query.RunFilter;

/// <summary>One sort key of a runs list: a field and its direction (ascending unless said, as in MLflow).</summary>
internal sealed record RunOrderField(FilterField Field, bool Descending);

/// <summary>
/// MLflow's order_by strings: <c>FIELD [ASC|DESC]</c> each, with the filter's identifiers (<c>metrics.val_loss DESC</c>,
/// <c>attributes.start_time</c>, <c>params.`batch size`</c>); several are tie-breaks in turn.
/// </summary>
internal static class RunOrderParser
{
    private const string What = "order-by";

    public static IReadOnlyList<RunOrderField> Parse(IReadOnlyList<string>? items)
    {
        var fields = new List<RunOrderField>();
        foreach (var item in (items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            if (fields.Count == FilterLimits.MaxOrderFields)
            {
                throw new RunFilterException($"{What}: at most {FilterLimits.MaxOrderFields} fields may order a list");
            }

            if (item.Length > FilterLimits.MaxLength)
            {
                throw new RunFilterException($"{What}: {item.Length} characters is more than the {FilterLimits.MaxLength} a field may have");
            }

            fields.Add(ParseOne(item));
        }

        return fields;
    }

    private static RunOrderField ParseOne(string item)
    {
        var tokens = FilterTokenizer.Tokenize(item, What);
        var field = FilterIdentifiers.Read(tokens[0], What);
        var descending = false;
        var next = 1;
        if (tokens[next].IsKeyword("asc") || tokens[next].IsKeyword("desc"))
        {
            descending = tokens[next].IsKeyword("desc");
            next++;
        }

        return tokens[next].Kind == FilterTokenKind.End
            ? new RunOrderField(field, descending)
            : throw RunFilterException.At(What, tokens[next].Position, $"expected ASC, DESC or the end after {tokens[0].Describe()}, got {tokens[next].Describe()}");
    }
}
