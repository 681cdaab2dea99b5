using System.Text.Json.Serialization;

namespace Otel.Collector.Production.Slo;

/// <summary>What an SLO counts as a bad event: a failed request (availability) or one slower than its threshold (latency).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SloKind>))]
internal enum SloKind
{
    [JsonStringEnumMemberName("availability")]
    Availability,

    [JsonStringEnumMemberName("latency")]
    Latency,
}

internal static class SloKinds
{
    public static string Name(this SloKind kind) => kind == SloKind.Latency ? "latency" : "availability";
}
