namespace Otel.Collector.Query.RunFilter;

/// <summary>
/// <c>inf</c>, <c>-inf</c>, <c>infinity</c> and <c>nan</c> as filter values: not taken (MLflow's grammar has no such
/// literal either), but named as such, since "unexpected character '-'" would not say what to write instead.
/// </summary>
internal static class NonFiniteLiterals
{
    public const string Message =
        "NaN and infinity are not filter values: compare with a finite number instead, such as metrics.x > -1e308";

    private static readonly string[] Words = ["infinity", "inf", "nan"];

    /// <summary>Whether <paramref name="text"/> holds one of the words at <paramref name="start"/>, not followed by more of a word.</summary>
    public static bool StartsAt(string text, int start) => Words.Any(word =>
        string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && text.Length - start >= word.Length
        && (start + word.Length == text.Length || !(char.IsLetterOrDigit(text[start + word.Length]) || text[start + word.Length] == '_')));
}
