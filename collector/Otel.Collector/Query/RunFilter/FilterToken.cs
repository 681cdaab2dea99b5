namespace Otel.Collector.Query.RunFilter;

internal enum FilterTokenKind
{
    /// <summary>A bare word: a keyword (and, or, in, like…) or an identifier such as <c>metrics.acc</c>.</summary>
    Word,

    /// <summary><c>metrics."my key"</c> or <c>params.`a b`</c>: an entity with a quoted key (<see cref="FilterToken.Key"/>).</summary>
    QuotedIdentifier,
    String,
    Number,
    Operator,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

/// <summary>One token; <see cref="Position"/> is 1-based, as the error messages count characters.</summary>
internal sealed record FilterToken(FilterTokenKind Kind, string Text, int Position, string? Key = null)
{
    public bool IsKeyword(string keyword) => Kind == FilterTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How an error message quotes the token.</summary>
    public string Describe() => Kind switch
    {
        FilterTokenKind.End => "the end of the filter",
        FilterTokenKind.String => $"the string '{Text}'",
        FilterTokenKind.QuotedIdentifier => $"'{Text}\"{Key}\"'",
        _ => $"'{Text}'",
    };
}
