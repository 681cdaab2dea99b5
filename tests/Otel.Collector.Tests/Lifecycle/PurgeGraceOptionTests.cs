using Otel.Collector.Hosting;

namespace Otel.Collector.Tests.Lifecycle;

public sealed class PurgeGraceOptionTests
{
    [Fact]
    public void PurgeGrace_Default_IsThirtyDaysAndValid()
    {
        var options = new CollectorOptions();

        Assert.Equal(TimeSpan.FromDays(30), options.Lifecycle.PurgeGrace);
        Assert.Empty(CollectorOptionsValidator.Validate(options));
    }

    [Fact]
    public void PurgeGrace_Negative_ErrorNamesTheFlag()
    {
        var options = new CollectorOptions();
        options.Lifecycle.PurgeGrace = TimeSpan.FromDays(-1);

        var error = Assert.Single(CollectorOptionsValidator.Validate(options));

        Assert.StartsWith("--purge-after-days", error, StringComparison.Ordinal);
    }
}
