using Otel.Tracking.Artifacts;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class ArtifactEndpointTests
{
    [Fact]
    public void Resolve_OptionSet_WinsOverEnvironment()
    {
        var options = new MlTrackingOptions { ArtifactEndpoint = new Uri("http://store:9999/") };

        Assert.Equal(new Uri("http://store:9999/"), ArtifactEndpoint.Resolve(options, Env(("OTEL_TRACK_ENDPOINT", "http://other:1/"))));
    }

    [Fact]
    public void Resolve_TrackEndpointVariable_Used()
    {
        Assert.Equal(new Uri("http://collector:4400/"), ArtifactEndpoint.Resolve(new MlTrackingOptions(), Env(("OTEL_TRACK_ENDPOINT", "http://collector:4400/"))));
    }

    [Fact]
    public void Resolve_OtlpGrpcEndpoint_SameHostOnPort4318()
    {
        var options = new MlTrackingOptions { Endpoint = new Uri("https://otel.example:4317") };

        Assert.Equal(new Uri("https://otel.example:4318/"), ArtifactEndpoint.Resolve(options, Env()));
        Assert.Equal(new Uri("http://gpu-box:4318/"), ArtifactEndpoint.Resolve(new MlTrackingOptions(), Env(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://gpu-box:4317"))));
    }

    [Fact]
    public void Resolve_OtlpHttpEndpoint_SameAuthorityWhereTheApiIsServedToo()
    {
        var options = new MlTrackingOptions { Endpoint = new Uri("http://127.0.0.1:39001/otlp"), Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf };

        Assert.Equal(new Uri("http://127.0.0.1:39001/"), ArtifactEndpoint.Resolve(options, Env()));
        Assert.Equal(new Uri("http://box:5000/"), ArtifactEndpoint.Resolve(new MlTrackingOptions(), Env(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://box:5000"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"))));
    }

    [Fact]
    public void Resolve_NothingKnown_LocalhostCollector()
    {
        Assert.Equal(new Uri("http://localhost:4318/"), ArtifactEndpoint.Resolve(new MlTrackingOptions(), Env()));
    }

    [Fact]
    public void ObjectUri_EndpointWithPath_KeepsPrefix()
    {
        Assert.Equal(new Uri("http://proxy/track/api/artifacts/abc"), ArtifactEndpoint.ObjectUri(new Uri("http://proxy/track/"), "abc"));
    }

    [Fact]
    public void Validate_RelativeArtifactEndpoint_Error()
    {
        var errors = new MlTrackingOptions { ArtifactEndpoint = new Uri("store", UriKind.Relative) }.Validate();

        Assert.Contains(errors, e => e.StartsWith("ArtifactEndpoint", StringComparison.Ordinal));
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
