using System.Globalization;
using System.Text;

namespace Otel.Collector.Query.RunFilter;

/// <summary>
/// Splits a filter or order-by into tokens: words (keywords and identifiers; bare keys hold letters, digits, <c>_ . - /</c>),
/// strings in single or double quotes (a doubled quote is a quote), numbers, comparators, parentheses and commas. An
/// identifier's key may be quoted in backticks or double quotes right after the dot: <c>metrics.`val loss`</c>.
/// </summary>
internal static class FilterTokenizer
{
    public static List<FilterToken> Tokenize(string text, string what)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                tokens.Add(new FilterToken(FilterTokenKind.End, string.Empty, i + 1));
                return tokens;
            }

            var start = i;
            var c = text[i];
            switch (c)
            {
                case '(': tokens.Add(new FilterToken(FilterTokenKind.OpenParen, "(", start + 1)); i++; break;
                case ')': tokens.Add(new FilterToken(FilterTokenKind.CloseParen, ")", start + 1)); i++; break;
                case ',': tokens.Add(new FilterToken(FilterTokenKind.Comma, ",", start + 1)); i++; break;
                case '=': tokens.Add(new FilterToken(FilterTokenKind.Operator, "=", start + 1)); i++; break;
                case '!' when At(text, i + 1) == '=': tokens.Add(new FilterToken(FilterTokenKind.Operator, "!=", start + 1)); i += 2; break;
                case '<' or '>':
                    var op = At(text, i + 1) == '=' ? c + "=" : c.ToString();
                    tokens.Add(new FilterToken(FilterTokenKind.Operator, op, start + 1));
                    i += op.Length;
                    break;
                case '\'' or '"':
                    tokens.Add(new FilterToken(FilterTokenKind.String, ReadQuoted(text, ref i, what), start + 1));
                    break;
                case '`':
                    throw RunFilterException.At(what, start + 1, "a key in backticks needs its entity before it, as in metrics.`val loss`");
                default:
                    if (char.IsAsciiDigit(c) || ((c is '-' or '+' or '.') && (char.IsAsciiDigit(At(text, i + 1)) || (At(text, i + 1) == '.' && char.IsAsciiDigit(At(text, i + 2))))))
                    {
                        tokens.Add(ReadNumber(text, ref i, what));
                    }
                    else if (char.IsLetter(c) || c == '_')
                    {
                        tokens.Add(ReadWord(text, ref i, what));
                    }
                    else if (c is '-' or '+' && NonFiniteLiterals.StartsAt(text, i + 1))
                    {
                        throw RunFilterException.At(what, start + 1, NonFiniteLiterals.Message);
                    }
                    else
                    {
                        throw RunFilterException.At(what, start + 1, $"unexpected character '{c}'");
                    }

                    break;
            }
        }
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static FilterToken ReadWord(string text, ref int i, string what)
    {
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '/'))
        {
            i++;
        }

        var word = text[start..i];
        if (word.EndsWith('.') && At(text, i) is '"' or '`')
        {
            var key = ReadQuoted(text, ref i, what);
            return new FilterToken(FilterTokenKind.QuotedIdentifier, word, start + 1, key);
        }

        return new FilterToken(FilterTokenKind.Word, word, start + 1);
    }

    /// <summary>Reads a quoted text at <paramref name="i"/>; the quote character doubled stands for itself.</summary>
    private static string ReadQuoted(string text, ref int i, string what)
    {
        var quote = text[i];
        var start = i;
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw RunFilterException.At(what, start + 1, $"this text is never closed: end it with {quote}");
            }

            if (text[i] == quote)
            {
                if (At(text, i + 1) != quote)
                {
                    i++;
                    return value.ToString();
                }

                i++;
            }

            value.Append(text[i]);
            i++;
        }
    }

    private static FilterToken ReadNumber(string text, ref int i, string what)
    {
        var start = i;
        if (text[i] is '-' or '+')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i < text.Length && text[i] is 'e' or 'E' && (char.IsAsciiDigit(At(text, i + 1)) || (At(text, i + 1) is '-' or '+' && char.IsAsciiDigit(At(text, i + 2)))))
        {
            i += 2;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        var number = text[start..i];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw RunFilterException.At(what, start + 1, $"'{number}' is not a number this filter can compare with");
        }

        return new FilterToken(FilterTokenKind.Number, number, start + 1);
    }
}
