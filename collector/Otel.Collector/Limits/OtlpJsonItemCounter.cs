using System.Buffers;
using System.Text.Json;

namespace Otel.Collector.Limits;

/// <summary>
/// Counts what an OTLP/JSON export request would decode into with one forward pass of a
/// <see cref="Utf8JsonReader"/>, before any tree or message is built: every object is one item,
/// and so is every scalar element of an array. Spans, log records, data points and attributes
/// are the objects inside the arrays of those names (both spellings OTLP/JSON accepts). The pass
/// stops, with what it counted so far, at the first byte that is not JSON: the decoder then
/// refuses the request with its own reason.
/// </summary>
internal static class OtlpJsonItemCounter
{
    public static RequestItemCounts Count(ReadOnlySequence<byte> body, int maxDepth)
    {
        var counts = new RequestItemCounts();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip });

        // For each open container: an object and its kind, or an array and the kind of its elements.
        var containers = new Stack<(OtlpMessage Kind, bool IsArray)>();
        var property = OtlpMessage.None;
        try
        {
            while (reader.Read())
            {
                var inArray = reader.TokenType is not JsonTokenType.PropertyName and not JsonTokenType.EndObject and not JsonTokenType.EndArray
                    && containers.Count > 0 && containers.Peek().IsArray;
                var element = inArray ? containers.Peek().Kind : OtlpMessage.None;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = ElementsOf(reader, containers.Count > 0 ? containers.Peek().Kind : OtlpMessage.None);
                        break;
                    case JsonTokenType.StartObject:
                        counts.Add(element);
                        containers.Push((inArray ? element : property, false));
                        break;
                    case JsonTokenType.StartArray:
                        if (inArray)
                        {
                            counts.Items++;
                        }

                        containers.Push((inArray ? OtlpMessage.None : property, true));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.Pop();
                        break;
                    default:
                        if (inArray)
                        {
                            counts.Items++;
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the decoder says why.
        }

        return counts;
    }


    /// <summary>What a property of an object of kind <paramref name="owner"/> holds, by its name.</summary>
    private static OtlpMessage ElementsOf(Utf8JsonReader reader, OtlpMessage owner)
    {
        if (reader.ValueTextEquals("spans"u8))
        {
            return OtlpMessage.Span;
        }

        if (reader.ValueTextEquals("logRecords"u8) || reader.ValueTextEquals("log_records"u8))
        {
            return OtlpMessage.LogRecord;
        }

        // Every kind of point: the counter needs how many, not which kind.
        if (reader.ValueTextEquals("dataPoints"u8) || reader.ValueTextEquals("data_points"u8))
        {
            return OtlpMessage.NumberDataPoint;
        }

        if (reader.ValueTextEquals("attributes"u8) || reader.ValueTextEquals("metadata"u8)
            || reader.ValueTextEquals("filteredAttributes"u8) || reader.ValueTextEquals("filtered_attributes"u8))
        {
            return OtlpMessage.KeyValue;
        }

        if (reader.ValueTextEquals("kvlistValue"u8) || reader.ValueTextEquals("kvlist_value"u8))
        {
            return OtlpMessage.KeyValueList;
        }

        // The values of a key-value list are attributes; those of an array value are values.
        return owner == OtlpMessage.KeyValueList && reader.ValueTextEquals("values"u8) ? OtlpMessage.KeyValue : OtlpMessage.None;
    }
}
