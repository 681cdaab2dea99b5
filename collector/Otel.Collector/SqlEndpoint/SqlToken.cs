namespace Otel.Collector.SqlEndpoint;

/// <summary>What a <see cref="SqlToken"/> is, as far as the read-only check needs to know.</summary>
internal enum SqlTokenKind
{
    /// <summary>A bare word: keyword, identifier, function or setting name.</summary>
    Word,

    /// <summary>An identifier in <c>`back quotes`</c> or <c>"double quotes"</c>; <see cref="SqlToken.Value"/> is unquoted.</summary>
    QuotedIdentifier,

    /// <summary>A string literal in single quotes, or a heredoc (<c>$$…$$</c>).</summary>
    String,

    Number,
    OpenParen,
    CloseParen,
    Dot,
    Comma,
    Equals,
    Semicolon,

    /// <summary>Any other operator or punctuation.</summary>
    Symbol,
}

/// <summary>One lexical token of a query: its kind, where it is in the text, and its value (unquoted for identifiers).</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, string Value, int Depth)
{
    public int End => Start + Length;

    /// <summary>Whether this is the bare word <paramref name="word"/>, in any case.</summary>
    public bool IsWord(string word) => Kind == SqlTokenKind.Word && string.Equals(Value, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>A name: a bare word or a quoted identifier.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
