namespace Otel.Tracking.Export;

/// <summary>
/// The OTLP exporter's headers (<see cref="MlTrackingOptions.Headers"/>, else <c>OTEL_EXPORTER_OTLP_HEADERS</c>), which
/// artifact uploads send too, so that one <c>Authorization=Bearer KEY</c> serves both against a collector that
/// requires an API key.
/// </summary>
internal static class OtlpHeaders
{
    public const string Variable = "OTEL_EXPORTER_OTLP_HEADERS";

    /// <summary>Adds the headers to a request to the collector.</summary>
    public static void Apply(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>A 4xx (malformed, a changed file, a size limit, a wrong endpoint, a key without the scope) will not get better by retrying.</summary>
    public static bool IsPermanentRefusal(System.Net.HttpStatusCode status) =>
        (int)status is >= 400 and < 500 and not 408 and not 429;

    public static IReadOnlyList<KeyValuePair<string, string>> Resolve(MlTrackingOptions options, Func<string, string?> environment) =>
        Parse(options.Headers ?? environment(Variable));

    /// <summary>
    /// <c>key1=value1,key2=value2</c> as the OpenTelemetry specification defines it: values percent-decoded, blanks
    /// around names and values ignored, entries without '=' or a name skipped (as the .NET OTLP exporter does).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? string.Empty : entry[..equals].Trim();
            if (name.Length > 0)
            {
                headers.Add(new(name, Uri.UnescapeDataString(entry[(equals + 1)..].Trim())));
            }
        }

        return headers;
    }
}
