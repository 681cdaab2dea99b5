using Otel.Tracking.Export;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class OtlpHeadersTests
{
    [Fact]
    public void Parse_SpecFormat_DecodesValuesAndTrims()
    {
        var headers = OtlpHeaders.Parse(" Authorization = Bearer%20otk_abc , x-team=ml%2Cops,,novalue, =skipped");

        Assert.Equal(
            [new("Authorization", "Bearer otk_abc"), new("x-team", "ml,ops")],
            headers);
    }

    [Fact]
    public void Parse_RawSpaceInValue_Kept() =>
        Assert.Equal([new("Authorization", "Bearer otk_abc")], OtlpHeaders.Parse("Authorization=Bearer otk_abc"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Nothing_NoHeaders(string? text) => Assert.Empty(OtlpHeaders.Parse(text));

    [Fact]
    public void Resolve_OptionSet_WinsOverEnvironment()
    {
        var options = new MlTrackingOptions { Headers = "Authorization=Bearer from-option" };

        var headers = OtlpHeaders.Resolve(options, _ => "Authorization=Bearer from-environment");

        Assert.Equal([new("Authorization", "Bearer from-option")], headers);
    }

    [Fact]
    public void Resolve_OptionUnset_ReadsOtlpHeadersVariable()
    {
        var headers = OtlpHeaders.Resolve(new MlTrackingOptions(), name => name == "OTEL_EXPORTER_OTLP_HEADERS" ? "Authorization=Bearer from-environment" : null);

        Assert.Equal([new("Authorization", "Bearer from-environment")], headers);
    }
}
