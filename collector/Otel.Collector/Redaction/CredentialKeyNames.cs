using System.Buffers;
using System.Collections.Frozen;

namespace Otel.Collector.Redaction;

/// <summary>
/// Rule <c>secret-key-name</c>: does a key name a credential? Works on the key's words
/// (<see cref="KeyWords"/>), case-insensitively, so <c>tokenizer</c>, <c>max_tokens</c>,
/// <c>token_count</c> and <c>secretary</c> are not credentials while <c>api_token</c>,
/// <c>HF_TOKEN</c>, <c>clientSecret</c> and <c>X-Api-Key</c> are.
/// </summary>
internal static class CredentialKeyNames
{
    /// <summary>Every credential key contains one of these; most keys are rejected by this one vectorized scan.</summary>
    private static readonly SearchValues<string> Hints = SearchValues.Create(
        ["pass", "pwd", "secret", "token", "key", "auth", "credential", "creds", "cookie", "signature"], StringComparison.OrdinalIgnoreCase);

    /// <summary>A credential wherever it stands in the key.</summary>
    private static readonly FrozenSet<string> Words = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "password", "passwords", "passwd", "pwd", "passphrase", "secret", "secrets", "credential", "credentials", "creds",
        "cookie", "cookies", "authorization", "apikey", "apikeys", "accesskey", "privatekey", "secretkey", "sessionkey",
        "accountkey", "sharedaccesskey", "sharedaccesssignature", "accesstoken", "authtoken", "refreshtoken",
        "sessiontoken", "apitoken", "bearertoken", "idtoken", "oauthtoken", "securitytoken", "clientsecret");

    /// <summary>Glued words ending like a credential: <c>PGPASSWORD</c>, <c>appsecret</c>.</summary>
    private static readonly string[] Suffixes = ["password", "passwd", "secret", "secrets", "credentials"];

    /// <summary>Words that make a following <c>key</c>/<c>keys</c> a credential (<c>api_key</c>, not <c>sort_key</c>).</summary>
    private static readonly FrozenSet<string> KeyQualifiers = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "api", "access", "private", "secret", "session", "account", "signing", "encryption", "master", "client", "app",
        "subscription", "shared", "ssh", "deploy", "hmac", "license", "storage", "service", "auth", "consumer");

    /// <summary>Words that make a following <c>token</c>/<c>tokens</c> a credential anywhere (<c>access_token_v2</c>).</summary>
    private static readonly FrozenSet<string> TokenQualifiers = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "access", "auth", "refresh", "session", "api", "bearer", "oauth", "security", "personal", "bot", "app");

    /// <summary>
    /// Words before a final <c>token</c> that make it a vocabulary or pagination token, not a credential
    /// (<c>eos_token</c>, <c>pad_token</c>, <c>max_token</c>, <c>next_token</c>).
    /// </summary>
    private static readonly FrozenSet<string> NotCredentialTokens = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "bos", "eos", "sos", "eot", "pad", "unk", "sep", "cls", "mask", "special", "start", "end", "stop", "begin",
        "image", "video", "audio", "max", "min", "num", "total", "first", "last", "next", "prev", "previous", "page",
        "continuation");

    /// <summary>Last words that make the key describe a credential rather than hold one.</summary>
    private static readonly FrozenSet<string> Descriptors = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "name", "names", "type", "kind", "count", "length", "size");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DescriptorLookup = Descriptors.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> WordLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KeyQualifierLookup = KeyQualifiers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TokenQualifierLookup = TokenQualifiers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotCredentialTokenLookup = NotCredentialTokens.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsCredential(ReadOnlySpan<char> key)
    {
        if (key.IndexOfAny(Hints) < 0)
        {
            return false;
        }

        var found = false;
        ReadOnlySpan<char> previous = default;
        ReadOnlySpan<char> beforePrevious = default;
        foreach (var word in new KeyWords(key))
        {
            found = found || IsCredentialWord(word) || IsCredentialPair(previous, word);
            beforePrevious = previous;
            previous = word;
        }

        // A key describing a credential is not one: SharedAccessKeyName, secret_name, password_length.
        if (DescriptorLookup.Contains(previous))
        {
            return false;
        }

        // "token" and "auth" are credentials only as the last word: api_token, basic_auth; not token_count, auth_method.
        return found || (Is(previous, "token") && !NotCredentialTokenLookup.Contains(beforePrevious)) || Is(previous, "auth");
    }

    private static bool IsCredentialWord(ReadOnlySpan<char> word)
    {
        if (WordLookup.Contains(word))
        {
            return true;
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCredentialPair(ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        !first.IsEmpty && (
            ((Is(second, "key") || Is(second, "keys")) && KeyQualifierLookup.Contains(first)) ||
            ((Is(second, "token") || Is(second, "tokens")) && TokenQualifierLookup.Contains(first)));

    private static bool Is(ReadOnlySpan<char> word, string expected) => word.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
