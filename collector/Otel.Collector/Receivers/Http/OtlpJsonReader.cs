using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Otel.Collector.Receivers.Http;

/// <summary>
/// Decodes an OTLP/JSON body. Google.Protobuf's JSON parser already accepts what OTLP/JSON adds
/// to proto3 JSON apart from two things, which a pass over a System.Text.Json tree fixes first:
/// hex trace and span ids (<see cref="OtlpJsonIds"/>) and 64-bit integers written as JSON numbers,
/// which that parser reads through a double and would round (they are turned into strings).
/// Enum numbers and names, integers as strings or numbers, both field spellings and ignored
/// unknown fields then come from the parser. Text must be UTF-8 and strings valid Unicode: a body
/// with invalid UTF-8 bytes or an unpaired surrogate escape (<c>\ud800</c>) is refused, as the
/// protobuf decoder refuses a string field that is not valid UTF-8.
/// </summary>
internal static class OtlpJsonReader
{
    // 2^53: integers longer than this many digits may not survive a trip through a double.
    private const int MaxExactDoubleDigits = 15;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="OtlpJsonException">The body is not a valid OTLP/JSON message of this type.</exception>
    public static T Parse<T>(ReadOnlySequence<byte> body, Action<JsonObject> rewriteIds, int maxDepth)
        where T : IMessage<T>, new()
    {
        var root = ParseTree(body, maxDepth);
        try
        {
            rewriteIds(root);
            QuoteLongIntegers(root);
        }
        catch (ArgumentException ex)
        {
            // System.Text.Json reports a repeated property name when the object is first used.
            throw new OtlpJsonException($"The request body is not valid OTLP/JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json unescapes a name or string when it is first used: an unpaired surrogate fails then.
            throw new OtlpJsonException($"The request body is not valid OTLP/JSON: {ex.Message}", ex);
        }

        var parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithRecursionLimit(maxDepth));
        string text;
        try
        {
            text = root.ToJsonString();
        }
        catch (InvalidOperationException ex)
        {
            throw new OtlpJsonException($"The request body is not valid OTLP/JSON: {ex.Message}", ex);
        }

        try
        {
            return parser.Parse<T>(text);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OtlpJsonException($"The request body is not a valid OTLP/JSON {typeof(T).Name}: {ex.Message}", ex);
        }
        catch (InvalidJsonException ex)
        {
            throw new OtlpJsonException($"The request body is not a valid OTLP/JSON {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    private static JsonObject ParseTree(ReadOnlySequence<byte> body, int maxDepth)
    {
        if (body.Length >= Utf8Bom.Length && body.Slice(0, Utf8Bom.Length).FirstSpan.SequenceEqual(Utf8Bom))
        {
            body = body.Slice(Utf8Bom.Length);
        }

        EnsureUtf8(body);

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
            var node = JsonNode.Parse(ref reader);
            if (reader.Read())
            {
                throw new OtlpJsonException("The request body has content after its JSON object.");
            }

            return node as JsonObject ?? throw new OtlpJsonException("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new OtlpJsonException($"The request body is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Refuses a body that is not UTF-8: System.Text.Json would otherwise carry invalid bytes inside
    /// strings through as U+FFFD. Segments that are valid on their own need no second look.
    /// </summary>
    private static void EnsureUtf8(ReadOnlySequence<byte> body)
    {
        var allValid = true;
        foreach (var segment in body)
        {
            allValid &= System.Text.Unicode.Utf8.IsValid(segment.Span);
        }

        if (allValid)
        {
            return;
        }

        // A code point may straddle two segments: decode the whole sequence to find the first bad byte.
        var decoder = StrictUtf8.GetDecoder();
        Span<char> chars = stackalloc char[512];
        long offset = 0;
        try
        {
            foreach (var segment in body)
            {
                var bytes = segment.Span;
                while (!bytes.IsEmpty)
                {
                    decoder.Convert(bytes, chars, flush: false, out var used, out _, out _);
                    if (used == 0)
                    {
                        break;
                    }

                    bytes = bytes[used..];
                    offset += used;
                }
            }

            decoder.Convert([], chars, flush: true, out _, out _, out _);
        }
        catch (DecoderFallbackException ex)
        {
            var bad = ex.BytesUnknown is { Length: > 0 } unknown ? $" (byte 0x{unknown[0]:X2})" : string.Empty;
            var at = offset + Math.Max(0, ex.Index);
            throw new OtlpJsonException(string.Create(
                CultureInfo.InvariantCulture,
                $"The request body is not valid UTF-8{bad} near byte offset {at}: OTLP/JSON must be UTF-8 text."), ex);
        }
    }

    private static void QuoteLongIntegers(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                List<string>? quote = null;
                foreach (var (name, child) in obj)
                {
                    if (IsLongInteger(child))
                    {
                        (quote ??= []).Add(name);
                    }
                    else if (child is not null)
                    {
                        QuoteLongIntegers(child);
                    }
                }

                foreach (var name in quote ?? [])
                {
                    obj[name] = Quoted(obj[name]!);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (IsLongInteger(array[i]))
                    {
                        array[i] = Quoted(array[i]!);
                    }
                    else if (array[i] is { } child)
                    {
                        QuoteLongIntegers(child);
                    }
                }

                break;
        }
    }

    private static bool IsLongInteger(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<JsonElement>(out var element))
        {
            return false;
        }

        var text = element.GetRawText().AsSpan().TrimStart('-');
        return text.Length > MaxExactDoubleDigits && !text.ContainsAnyExcept(Digits);
    }

    private static JsonValue Quoted(JsonNode number) => JsonValue.Create(number.GetValue<JsonElement>().GetRawText());
}
