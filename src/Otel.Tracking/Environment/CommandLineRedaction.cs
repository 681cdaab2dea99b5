using System.Text;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// Keeps obvious secrets off the wire: the value of an option that has the word password, passwd, pwd, secret,
/// token, credential(s) or api/access/private key in its name (<c>--token=x</c>, <c>--hf-token x</c>, <c>-password:x</c>),
/// and the password of a URL with credentials, become <c>[REDACTED]</c>. Deliberately simple: the collector redacts more.
/// </summary>
internal static class CommandLineRedaction
{
    public const string Marker = "[REDACTED]";

    // Whole words only: --max-tokens and --tokenizer are training options, not secrets.
    private static readonly HashSet<string> SecretWords = new(
        ["password", "passwd", "pwd", "secret", "token", "credential", "credentials", "apikey", "accesskey", "privatekey"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> KeyQualifiers = new(["api", "access", "private"], StringComparer.Ordinal);

    /// <summary>The arguments with secret values replaced, joined with spaces; arguments with spaces are quoted.</summary>
    public static string Join(IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        foreach (var argument in Redact(arguments))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Quote(argument));
        }

        return text.ToString();
    }

    public static IReadOnlyList<string> Redact(IReadOnlyList<string> arguments)
    {
        var result = new string[arguments.Count];
        var redactNext = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (redactNext && !argument.StartsWith('-'))
            {
                result[i] = Marker;
                redactNext = false;
                continue;
            }

            redactNext = false;
            var separator = argument.StartsWith('-') ? argument.IndexOfAny(['=', ':']) : -1;
            var name = separator > 0 ? argument[..separator] : argument;
            if (argument.StartsWith('-') && IsSecretName(name))
            {
                if (separator > 0)
                {
                    result[i] = argument[..(separator + 1)] + Marker;
                }
                else
                {
                    result[i] = argument;
                    redactNext = true;
                }

                continue;
            }

            result[i] = argument.Contains("://", StringComparison.Ordinal) ? RedactUrls(argument) : argument;
        }

        return result;
    }

    /// <summary>True for names such as --password, --hf-token, --client_secret, --api-key, --apiKey, --APIKEY.</summary>
    internal static bool IsSecretName(string option)
    {
        var words = Words(option);
        for (var i = 0; i < words.Count; i++)
        {
            if (SecretWords.Contains(words[i]) || (words[i] == "key" && i > 0 && KeyQualifiers.Contains(words[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lowercase words split at non-alphanumerics and at camelCase humps.</summary>
    private static List<string> Words(string option)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < option.Length; i++)
        {
            var c = option[i];
            var hump = char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(option[i - 1]);
            if (!char.IsAsciiLetterOrDigit(c) || hump)
            {
                Flush();
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    private static string RedactUrls(string argument)
    {
        // An argument can hold a URL after a prefix (--endpoint=https://u:p@h): redact from the scheme on.
        var scheme = argument.IndexOf("://", StringComparison.Ordinal);
        var start = scheme;
        while (start > 0 && (char.IsAsciiLetterOrDigit(argument[start - 1]) || argument[start - 1] is '+' or '.' or '-'))
        {
            start--;
        }

        return argument[..start] + RepositoryUrl.RedactPassword(argument[start..], Marker);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"')
            ? argument
            : "\"" + argument.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
