using System.Text;

namespace Otel.Cli.Reproduction;

/// <summary>Splits a recorded command line into arguments (POSIX-shell style quotes and backslashes).</summary>
internal static class CommandLineSplitter
{
    public static List<string> Split(string commandLine)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var inArgument = false;
        char? quote = null;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (inArgument)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    inArgument = false;
                }

                continue;
            }

            inArgument = true;
            if (c == '\\' && quote != '\'' && i + 1 < commandLine.Length)
            {
                current.Append(commandLine[++i]);
            }
            else if (c is '"' or '\'' && (quote is null || quote == c))
            {
                quote = quote is null ? c : null;
            }
            else
            {
                current.Append(c);
            }
        }

        if (quote is not null)
        {
            throw new FormatException($"the recorded command line has an unclosed {quote} quote: {commandLine}");
        }

        if (inArgument)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
