namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// Splits a query into tokens the way ClickHouse's lexer does where it matters for the read-only check: comments
/// (<c>--</c>, <c># </c>, <c>#!</c>, nested <c>/* */</c>), string literals with backslash escapes and doubled quotes,
/// quoted identifiers, heredocs and parenthesis depth. A check that reads a string as code, or code as a string,
/// could be talked past; text this lexer does not understand is refused instead.
/// </summary>
internal static class SqlTokenizer
{
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var depth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Next(sql, i) == '-')
            {
                i = LineEnd(sql, i);
            }
            else if (c == '#' && Next(sql, i) is ' ' or '!')
            {
                i = LineEnd(sql, i);
            }
            else if (c == '/' && Next(sql, i) == '*')
            {
                i = BlockCommentEnd(sql, i);
            }
            else if (c is '\'' or '"' or '`')
            {
                var end = QuotedEnd(sql, i, c);
                var kind = c == '\'' ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier;
                tokens.Add(new SqlToken(kind, i, end - i, Unquote(sql, i, end, c), depth));
                i = end;
            }
            else if (c == '$' && HeredocTag(sql, i) is { } tag)
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Unterminated("heredoc " + tag, i);
                }

                var end = close + tag.Length;
                tokens.Add(new SqlToken(SqlTokenKind.String, i, end - i, sql[(i + tag.Length)..close], depth));
                i = end;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var end = i + 1;
                while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] is '_' or '$'))
                {
                    end++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, i, end - i, sql[i..end], depth));
                i = end;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && Next(sql, i) is { } d && char.IsAsciiDigit(d)))
            {
                var end = NumberEnd(sql, i);
                tokens.Add(new SqlToken(SqlTokenKind.Number, i, end - i, sql[i..end], depth));
                i = end;
            }
            else
            {
                var kind = c switch
                {
                    '(' or '[' => SqlTokenKind.OpenParen,
                    ')' or ']' => SqlTokenKind.CloseParen,
                    '.' => SqlTokenKind.Dot,
                    ',' => SqlTokenKind.Comma,
                    '=' when Next(sql, i) != '=' => SqlTokenKind.Equals,
                    ';' => SqlTokenKind.Semicolon,
                    _ => SqlTokenKind.Symbol,
                };
                if (kind == SqlTokenKind.CloseParen)
                {
                    depth = Math.Max(0, depth - 1);
                }

                tokens.Add(new SqlToken(kind, i, 1, c.ToString(), depth));
                if (kind == SqlTokenKind.OpenParen)
                {
                    depth++;
                }

                i++;
            }
        }

        return tokens;
    }

    private static char? Next(string sql, int i) => i + 1 < sql.Length ? sql[i + 1] : null;

    private static int LineEnd(string sql, int i)
    {
        var end = sql.IndexOf('\n', i);
        return end < 0 ? sql.Length : end + 1;
    }

    /// <summary>ClickHouse nests block comments: <c>/* a /* b */ c */</c> is one comment.</summary>
    private static int BlockCommentEnd(string sql, int start)
    {
        var nesting = 0;
        for (var i = start; i + 1 < sql.Length; i++)
        {
            if (sql[i] == '/' && sql[i + 1] == '*')
            {
                nesting++;
                i++;
            }
            else if (sql[i] == '*' && sql[i + 1] == '/')
            {
                nesting--;
                i++;
                if (nesting == 0)
                {
                    return i + 1;
                }
            }
        }

        throw Unterminated("comment", start);
    }

    /// <summary>The index after the closing quote; a backslash escapes the next character, and a doubled quote is one quote.</summary>
    private static int QuotedEnd(string sql, int start, char quote)
    {
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i++;
                }
                else
                {
                    return i + 1;
                }
            }
        }

        throw Unterminated(quote == '\'' ? "string" : "quoted identifier", start);
    }

    private static string Unquote(string sql, int start, int end, char quote)
    {
        var value = new System.Text.StringBuilder(end - start);
        for (var i = start + 1; i < end - 1; i++)
        {
            if (sql[i] == '\\' && i + 1 < end - 1)
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                i++;
            }

            value.Append(sql[i]);
        }

        return value.ToString();
    }

    /// <summary><c>$$</c> or <c>$name$</c> opening a heredoc, or null when the dollar starts nothing of the kind.</summary>
    private static string? HeredocTag(string sql, int start)
    {
        var i = start + 1;
        while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '_'))
        {
            i++;
        }

        return i < sql.Length && sql[i] == '$' ? sql[start..(i + 1)] : null;
    }

    private static int NumberEnd(string sql, int start)
    {
        var i = start;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            {
                i++;
            }
            else if (c is '+' or '-' && sql[i - 1] is 'e' or 'E' or 'p' or 'P' && !sql[start..i].StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static SqlEndpointException Unterminated(string what, int position) =>
        new(ClickHouseErrors.SyntaxError, $"Syntax error: unterminated {what} starting at position {position + 1}. Close it and send the query again.");
}
