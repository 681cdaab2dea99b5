namespace Otel.Grafana.Tests.Harness;

/// <summary>The small lexing both macro expanders share: quoted strings and balanced argument lists.</summary>
internal static class SqlText
{
    /// <summary>The index just after the quoted string opening at <paramref name="start"/> (doubled and backslash escapes; unterminated runs to the end).</summary>
    public static int EndOfQuoted(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return text.Length;
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>, or -1 when unbalanced.</summary>
    public static int ClosingParenthesis(string text, int open)
    {
        var depth = 0;
        var i = open;
        while (i < text.Length)
        {
            switch (text[i])
            {
                case '\'' or '"':
                    i = EndOfQuoted(text, i);
                    continue;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }

    /// <summary>The arguments between a macro's parentheses, split on top-level commas and trimmed; none for blank.</summary>
    public static IReadOnlyList<string> SplitArguments(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        var arguments = new List<string>();
        var depth = 0;
        var start = 0;
        var i = 0;
        while (i < raw.Length)
        {
            switch (raw[i])
            {
                case '\'' or '"':
                    i = EndOfQuoted(raw, i);
                    continue;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    arguments.Add(raw[start..i].Trim());
                    start = i + 1;
                    break;
            }

            i++;
        }

        arguments.Add(raw[start..].Trim());
        return arguments;
    }

    public static bool IsNameCharacter(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);
}
