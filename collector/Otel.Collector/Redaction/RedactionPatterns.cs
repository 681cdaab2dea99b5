using System.Text.RegularExpressions;

namespace Otel.Collector.Redaction;

/// <summary>
/// The built-in patterns, source-generated. Quantifiers are bounded or stop at a delimiter so every
/// pattern runs in linear time without a timeout. Group <c>secret</c> is what gets replaced.
/// </summary>
internal static partial class RedactionPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>PEM private key: keeps the BEGIN/END lines, replaces the body (to the end of text when END is missing).</summary>
    [GeneratedRegex(@"-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]*?)(?:-----END[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----|\z)", Options)]
    public static partial Regex PrivateKeyPem();

    /// <summary><c>scheme://user:password@host</c>: the password runs to the last '@' before the path, so an unescaped '@' in it is still covered.</summary>
    [GeneratedRegex(@"://[^\s/?#@:""'<>]*:(?<secret>[^\s/?#""'<>]*)@", Options)]
    public static partial Regex UrlUserInfo();

    /// <summary>A query, fragment or form parameter: <c>?token=…&amp;sig=…</c>, <c>#access_token=…</c>.</summary>
    [GeneratedRegex(@"[?&#](?<name>[^\s=&#?""'<>]{1,128})=(?<secret>[^\s&#""'<>]*)", Options)]
    public static partial Regex QueryParameter();

    /// <summary>
    /// <c>name=value</c> outside a query string: ADO.NET (<c>Password=…;</c>), libpq (<c>password=… host=…</c>),
    /// environment assignments and <c>--flag=value</c>. A value is quoted, or runs to the next ';' when no
    /// '=' comes first (ADO.NET values may hold spaces), or else to ';' or whitespace.
    /// </summary>
    [GeneratedRegex(@"(?<![\w.?&#])(?<name>[A-Za-z][\w.\-]{0,127})[ \t]*=[ \t]*(?:""(?<secret>[^""]*)""|'(?<secret>[^']*)'|\{(?<secret>[^}]*)\}|(?<secret>[^;\s""'=][^;\r\n""'=]*?)(?=[ \t]*;)|(?<secret>[^;\s""']+))", Options)]
    public static partial Regex Assignment();

    /// <summary><c>--password value</c> and <c>-token value</c> on a command line, also as a JSON array of arguments.</summary>
    [GeneratedRegex(@"(?<![\w\-])--?(?<name>[A-Za-z][\w.\-]{0,127})(?:[ \t]+(?:""(?<secret>[^""]*)""|'(?<secret>[^']*)'|(?<secret>[^\s""'\-][^\s""']*))|""[ \t]*,[ \t]*""(?<secret>[^""\\\-](?:[^""\\]|\\.)*))", Options)]
    public static partial Regex CliFlag();

    /// <summary><c>"password": "…"</c> in JSON (array and map attributes are stored as JSON).</summary>
    [GeneratedRegex(@"""(?<name>[^""\\\r\n]{1,128})""[ \t]*:[ \t]*""(?<secret>(?:[^""\\]|\\.)*)""", Options)]
    public static partial Regex JsonField();

    /// <summary>
    /// <c>Bearer</c>/<c>Basic</c> credentials: at least 8 characters with a digit, one of <c>+/=_~</c> or a
    /// lower-to-upper change, so prose such as "basic preprocessing" is left alone.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?i:bearer|basic)[ \t]+(?<secret>(?=[A-Za-z0-9\-._~+/]*(?:[0-9+/=_~]|[a-z][A-Z]))[A-Za-z0-9\-._~+/]{8,}=*)", Options)]
    public static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])", Options)]
    public static partial Regex AwsAccessKeyId();

    /// <summary>A 40-character AWS secret after a name mentioning aws or after an access key id.</summary>
    [GeneratedRegex(@"(?:(?i:aws)[\w.\-]{0,40}|(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16})[""']?[ \t]*[=:,|\s][ \t]*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", Options)]
    public static partial Regex AwsSecretNearName();

    /// <summary>The whole value is shaped like an AWS secret access key (used when the key mentions aws).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9/+]{40}\z", Options)]
    public static partial Regex AwsSecretValue();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})", Options)]
    public static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])glpat-[A-Za-z0-9_\-]{20,}", Options)]
    public static partial Regex GitLabToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])xox[abposr]-[A-Za-z0-9\-]{10,}", Options)]
    public static partial Regex SlackToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{16,}", Options)]
    public static partial Regex StripeKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])AIza[A-Za-z0-9_\-]{35}(?![A-Za-z0-9_\-])", Options)]
    public static partial Regex GoogleApiKey();

    /// <summary><c>sk-</c> and 32 or more key characters with at least one digit and one letter (OpenAI, Anthropic and look-alikes).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])sk-(?=[A-Za-z0-9_\-]*[0-9])(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{32,}", Options)]
    public static partial Regex OpenAiKey();

    /// <summary>Three base64url segments, the first a JSON header (<c>eyJ</c>); the signature may be empty (alg none).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*", Options)]
    public static partial Regex Jwt();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{30,}", Options)]
    public static partial Regex NpmToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}", Options)]
    public static partial Regex HuggingFaceToken();

    /// <summary>This product's own API keys (<c>otel-track keys create</c>): <c>otk_</c> + 43 base64url characters.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_])otk_[A-Za-z0-9_\-]{43}(?![A-Za-z0-9_\-])", Options)]
    public static partial Regex OtelTrackKey();
}
