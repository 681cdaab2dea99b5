namespace Otel.Collector.Security;

/// <summary>Why a request was refused: the <c>reason</c> tag of <c>otel_track.requests.denied</c>.</summary>
internal enum DenialReason
{
    /// <summary>No <c>Authorization: Bearer …</c> header (401 / UNAUTHENTICATED).</summary>
    Missing,

    /// <summary>A key this collector does not know, or no longer (401 / UNAUTHENTICATED).</summary>
    Unknown,

    /// <summary>A known key whose scope does not cover the request (403 / PERMISSION_DENIED).</summary>
    Scope,
}

internal static class DenialReasons
{
    public static string Tag(this DenialReason reason) => reason switch
    {
        DenialReason.Missing => "missing",
        DenialReason.Unknown => "unknown",
        _ => "scope",
    };
}
