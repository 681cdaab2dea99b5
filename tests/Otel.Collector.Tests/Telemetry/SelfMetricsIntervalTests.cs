using Otel.Collector.Hosting;

namespace Otel.Collector.Tests.Telemetry;

public sealed class SelfMetricsIntervalTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.05)]
    [InlineData(86_401)]
    public void Validate_IntervalOutOfRange_ErrorNamesTheFlag(double seconds)
    {
        var options = new CollectorOptions { SelfMetricsInterval = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Single(CollectorOptionsValidator.Validate(options));

        Assert.StartsWith("--self-metrics-interval", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Default_TenSecondsAccepted()
    {
        var options = new CollectorOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.SelfMetricsInterval);
        Assert.Empty(CollectorOptionsValidator.Validate(options));
    }
}
