using System.Text;
using Otel.Collector.Production.Cost;

namespace Otel.Collector.Tests.Production.Cost;

/// <summary>The price file (<c>serve --prices</c>): what it prices, and errors that name the field to fix.</summary>
public sealed class PriceFileTests
{
    private const string Valid = """
        currency: USD
        instances:
          - type: m5.xlarge
            hourly: 0.20
          - type: m5.xlarge
            provider: aws
            hourly: 0.192
          - type: m5.xlarge
            provider: aws
            region: eu-west-1
            hourly: 0.214
          - type: g5.12xlarge
            hourly: 1.5
        gpus:
          - model: NVIDIA A10G
            hourly: 0.75
        """;

    [Fact]
    public void Parse_ValidFile_PricesTheMostSpecificInstanceEntry()
    {
        var (table, errors) = PriceFile.Parse(Encoding.UTF8.GetBytes(Valid));

        Assert.Empty(errors);
        Assert.Equal("USD", table!.Currency);
        Assert.Equal(0.214, table.HourlyPrice(new PricedResources("m5.xlarge", "aws", "eu-west-1", "", 1)).Hourly);
        Assert.Equal(0.192, table.HourlyPrice(new PricedResources("M5.XLARGE", "aws", "us-east-1", "", 1)).Hourly);
        Assert.Equal(0.20, table.HourlyPrice(new PricedResources("m5.xlarge", "gcp", "", "", 1)).Hourly);
    }

    [Fact]
    public void HourlyPrice_InstanceWithGpus_AddsEachGpu()
    {
        var table = PriceFile.Parse(Encoding.UTF8.GetBytes(Valid)).Table!;

        var (hourly, reason) = table.HourlyPrice(new PricedResources("g5.12xlarge", "aws", "us-east-1", "NVIDIA A10G", 4));

        Assert.Null(reason);
        Assert.Equal(1.5 + (4 * 0.75), hourly!.Value, 12);
    }

    [Fact]
    public void HourlyPrice_UnpricedOrUnnamedResources_SayWhatHadNoPrice()
    {
        var table = PriceFile.Parse(Encoding.UTF8.GetBytes(Valid)).Table!;

        var unknownType = table.HourlyPrice(new PricedResources("x9.huge", "aws", "us-east-1", "", 1));
        var unknownGpu = table.HourlyPrice(new PricedResources("g5.12xlarge", "", "", "NVIDIA H100", 8));
        var nothing = table.HourlyPrice(new PricedResources("", "", "", "", 1));

        Assert.Equal((null, "no price for host.type 'x9.huge', cloud.provider 'aws', cloud.region 'us-east-1'"), unknownType);
        Assert.Equal((null, "no price for ml.gpu.model 'NVIDIA H100'"), unknownGpu);
        Assert.Equal((null, "its resources name no instance type (host.type) and no GPU (ml.gpu.model)"), nothing);
    }

    [Theory]
    [InlineData("instances:\n  - type: a\n    hourly: 1\n", "currency: required (line 1)")]
    [InlineData("currency: dollars\ngpus:\n  - model: a\n    hourly: 1\n", "currency: 'dollars' is not a three-letter currency code such as USD or EUR (line 1)")]
    [InlineData("currency: USD\ninstances:\n  - type: a\n    hourly: cheap\n", "instances[0].hourly: 'cheap' is not a price per hour (a number, 0 or more) (line 4)")]
    [InlineData("currency: USD\ninstances:\n  - type: a\n    hourly: -1\n", "instances[0].hourly: '-1' is not a price per hour (a number, 0 or more) (line 4)")]
    [InlineData("currency: USD\ninstances:\n  - hourly: 1\n", "instances[0].type: required (line 3)")]
    [InlineData("currency: USD\ninstances:\n  - type: a\n    region: us-east-1\n    hourly: 1\n", "instances[0].region: needs provider too, since regions are named per cloud (line 4)")]
    [InlineData("currency: USD\ngpus:\n  - model: a\n    hourly: 1\n    per: gpu\n", "gpus[0].per: unknown field; expected model, hourly (line 5)")]
    [InlineData("currency: USD\ninstance:\n  - type: a\n", "instance: unknown field; expected currency, instances, gpus (line 2)")]
    [InlineData("currency: USD\ngpus:\n  - model: a\n    hourly: 1\n  - model: A\n    hourly: 2\n", "gpus[1]: same model as gpus[0]; keep one")]
    [InlineData("currency: USD\ngpus: a100\n", "gpus: must be a list of entries (line 2)")]
    [InlineData("currency: USD\n", "prices nothing: add instances (by host.type) or gpus (by ml.gpu.model)")]
    [InlineData("- just\n- a list\n", "must be one YAML mapping with currency, and instances and/or gpus (see docs/linkage-and-cost.md)")]
    public void Parse_InvalidFile_NamesTheField(string yaml, string error)
    {
        var (table, errors) = PriceFile.Parse(Encoding.UTF8.GetBytes(yaml));

        Assert.Null(table);
        Assert.Contains(error, errors);
    }

    [Fact]
    public void Parse_NotYaml_SaysWhere()
    {
        var (table, errors) = PriceFile.Parse(Encoding.UTF8.GetBytes("currency: USD\ninstances: [\n"));

        Assert.Null(table);
        Assert.StartsWith("not valid YAML at line", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_NamesTheFlag()
    {
        var options = new CostOptions { PricesFile = Path.Combine(Path.GetTempPath(), "no-such-prices-" + Guid.NewGuid().ToString("N") + ".yaml") };

        var error = Assert.Single(options.Validate());

        Assert.StartsWith($"--prices {options.PricesFile}: cannot read it", error, StringComparison.Ordinal);
    }
}
