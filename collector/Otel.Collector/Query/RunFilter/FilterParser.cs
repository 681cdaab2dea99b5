using System.Globalization;

namespace Otel.Collector.Query.RunFilter;

/// <summary>
/// MLflow's run search syntax, plus <c>or</c> and parentheses, parsed by recursive descent:
/// <code>
/// filter     := or
/// or         := and ("or" and)*
/// and        := primary ("and" primary)*
/// primary    := "(" or ")" | comparison
/// comparison := identifier comparator value | identifier ("in" | "not in") "(" value ("," value)* ")"
/// </code>
/// Keywords are case-insensitive; <c>and</c> binds tighter than <c>or</c>. Each field's comparators and literal kind are
/// checked here, so that every error names its position.
/// </summary>
internal sealed class FilterParser
{
    private const string What = "filter";

    private readonly List<FilterToken> _tokens;
    private int _next;
    private int _depth;
    private int _comparisons;

    private FilterParser(List<FilterToken> tokens) => _tokens = tokens;

    /// <summary>The filter's tree, or null for an empty filter (every run).</summary>
    public static FilterNode? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > FilterLimits.MaxLength)
        {
            throw new RunFilterException($"{What}: {text.Length} characters is more than the {FilterLimits.MaxLength} a filter may have");
        }

        var parser = new FilterParser(FilterTokenizer.Tokenize(text, What));
        var node = parser.ParseOr();
        var end = parser.Next();
        return end.Kind == FilterTokenKind.End
            ? node
            : throw RunFilterException.At(What, end.Position, $"expected 'and', 'or' or the end of the filter, got {end.Describe()}");
    }

    private FilterToken Peek() => _tokens[_next];

    private FilterToken Next() => _tokens[Math.Min(_next++, _tokens.Count - 1)];

    private FilterNode ParseOr()
    {
        var terms = new List<FilterNode> { ParseAnd() };
        while (Peek().IsKeyword("or"))
        {
            Next();
            terms.Add(ParseAnd());
        }

        return terms.Count == 1 ? terms[0] : new FilterOr(terms);
    }

    private FilterNode ParseAnd()
    {
        var terms = new List<FilterNode> { ParsePrimary() };
        while (Peek().IsKeyword("and"))
        {
            Next();
            terms.Add(ParsePrimary());
        }

        return terms.Count == 1 ? terms[0] : new FilterAnd(terms);
    }

    private FilterNode ParsePrimary()
    {
        if (Peek().Kind != FilterTokenKind.OpenParen)
        {
            return ParseComparison();
        }

        var open = Next();
        if (++_depth > FilterLimits.MaxDepth)
        {
            throw RunFilterException.At(What, open.Position, $"parentheses nest deeper than {FilterLimits.MaxDepth} levels");
        }

        var node = ParseOr();
        var close = Next();
        if (close.Kind != FilterTokenKind.CloseParen)
        {
            throw RunFilterException.At(What, close.Position, $"expected ')' to close the '(' at character {open.Position}, got {close.Describe()}");
        }

        _depth--;
        return node;
    }

    private FilterComparison ParseComparison()
    {
        var identifier = Next();
        var field = FilterIdentifiers.Read(identifier, What);
        if (++_comparisons > FilterLimits.MaxComparisons)
        {
            throw RunFilterException.At(What, identifier.Position, $"a filter may have at most {FilterLimits.MaxComparisons} comparisons");
        }

        var comparatorToken = Peek();
        var comparator = ReadComparator(identifier);
        var numeric = field.IsNumeric();
        if (numeric ? !comparator.IsNumeric() : !comparator.IsString())
        {
            throw RunFilterException.At(What, comparatorToken.Position, numeric
                ? $"{field} is a number: compare it with {FilterComparators.NumericList}, not {comparator.Sql()}"
                : $"{field} is a string: compare it with {FilterComparators.StringList}, not {comparator.Sql()}");
        }

        return new FilterComparison(field, comparator, comparator.TakesList() ? ReadList(field) : [ReadValue(field)]);
    }

    private FilterComparator ReadComparator(FilterToken identifier)
    {
        var token = Next();
        if (token.Kind == FilterTokenKind.Operator)
        {
            return token.Text switch
            {
                "=" => FilterComparator.Equal,
                "!=" => FilterComparator.NotEqual,
                "<" => FilterComparator.Less,
                "<=" => FilterComparator.LessOrEqual,
                ">" => FilterComparator.Greater,
                _ => FilterComparator.GreaterOrEqual,
            };
        }

        if (token.IsKeyword("like")) { return FilterComparator.Like; }
        if (token.IsKeyword("ilike")) { return FilterComparator.ILike; }
        if (token.IsKeyword("in")) { return FilterComparator.In; }
        if (token.IsKeyword("not"))
        {
            var inToken = Next();
            return inToken.IsKeyword("in")
                ? FilterComparator.NotIn
                : throw RunFilterException.At(What, inToken.Position, $"expected IN after NOT, got {inToken.Describe()}");
        }

        throw RunFilterException.At(What, token.Position, $"expected a comparator ({FilterComparators.AllList}) after {identifier.Describe()}, got {token.Describe()}");
    }

    private List<FilterValue> ReadList(FilterField field)
    {
        var open = Next();
        if (open.Kind != FilterTokenKind.OpenParen)
        {
            throw RunFilterException.At(What, open.Position, $"expected '(' and a list of values after IN, as in {field} IN ('a', 'b'), got {open.Describe()}");
        }

        var values = new List<FilterValue> { ReadValue(field) };
        while (Peek().Kind == FilterTokenKind.Comma)
        {
            var comma = Next();
            if (values.Count == FilterLimits.MaxListValues)
            {
                throw RunFilterException.At(What, comma.Position, $"an IN list may have at most {FilterLimits.MaxListValues} values");
            }

            values.Add(ReadValue(field));
        }

        var close = Next();
        return close.Kind == FilterTokenKind.CloseParen
            ? values
            : throw RunFilterException.At(What, close.Position, $"expected ',' or ')' in the IN list opened at character {open.Position}, got {close.Describe()}");
    }

    private FilterValue ReadValue(FilterField field)
    {
        var token = Next();
        var isTime = field.Entity == FilterEntity.Attribute && field.IsNumeric();
        return token.Kind switch
        {
            FilterTokenKind.Number when field.IsNumeric() => new FilterValue(null, double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            FilterTokenKind.Number => throw RunFilterException.At(What, token.Position, $"{field} is a string: quote the value, as in {field} = '{token.Text}'"),
            FilterTokenKind.String when isTime => new FilterValue(null, TimeMilliseconds(field, token)),
            FilterTokenKind.String when field.IsNumeric() => throw RunFilterException.At(What, token.Position, $"{field} is a number: compare it with a number, not {token.Describe()}"),
            FilterTokenKind.String => new FilterValue(token.Text, null),
            FilterTokenKind.Word when NonFiniteLiterals.StartsAt(token.Text, 0) => throw RunFilterException.At(What, token.Position, NonFiniteLiterals.Message),
            _ => throw RunFilterException.At(What, token.Position, $"expected a value (a number, or a string in quotes) after the comparator, got {token.Describe()}"),
        };
    }

    /// <summary>An ISO-8601 time as milliseconds since the epoch (MLflow compares times as such); without an offset, UTC.</summary>
    private static double TimeMilliseconds(FilterField field, FilterToken token) =>
        DateTimeOffset.TryParse(token.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : throw RunFilterException.At(What, token.Position,
                $"{field} is a time: give milliseconds since the epoch or an ISO-8601 time such as '2026-01-31T12:00:00Z', not {token.Describe()}");
}
