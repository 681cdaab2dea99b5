using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Otel.Collector.Query;

namespace Otel.Collector.Tests.PathDecoding;

/// <summary>Route parameters come from the raw request target, decoded once; non-canonical targets keep the server's values.</summary>
public sealed class PathParameterDecodingTests
{
    private static readonly RoutePattern History = RoutePatternFactory.Parse("/api/runs/{id}/history");

    [Theory]
    [InlineData("/api/runs/a%2Fb/history?key=loss", "a/b")]
    [InlineData("/api/runs/a%252Fb/history", "a%2Fb")]
    [InlineData("/api/runs/%F0%9F%9A%80%20x/history/", "🚀 x")]
    [InlineData("/base/path/api/runs/sweep%2Ftrial-1/history", "sweep/trial-1")]
    public void Decode_CanonicalTarget_ParameterIsTheRawSegmentUnescapedOnce(string target, string expected)
    {
        var values = new RouteValueDictionary { ["id"] = "as the server decoded it" };
        PathParameterDecoding.Decode(values, History, target);
        Assert.Equal(expected, values["id"]);
    }

    [Theory]
    [InlineData("/api/runs/x/./history")]
    [InlineData("/api/other/../runs/x/history")]
    [InlineData("/api//runs/x/history")]
    [InlineData("http://host/api/runs/x/history")]
    [InlineData("/history")]
    public void Decode_NonCanonicalOrShortTarget_KeepsTheServersValue(string target)
    {
        var values = new RouteValueDictionary { ["id"] = "server" };
        PathParameterDecoding.Decode(values, History, target);
        Assert.Equal("server", values["id"]);
    }
}
