using Otel.Collector.Hosting;
using Otel.Collector.Production;
using Otel.Collector.Production.Drift;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary>The drift job's options and thresholds: defaults, and errors that name the serve flag.</summary>
public sealed class DriftOptionsTests
{
    [Fact]
    public void DriftOptions_Default_AreValidWithTheDocumentedThresholds()
    {
        var options = new CollectorOptions();

        Assert.Empty(CollectorOptionsValidator.Validate(options));
        Assert.Equal((0.1, 0.25, 500L, TimeSpan.FromMinutes(1)),
            (options.Drift.Thresholds.WarnPsi, options.Drift.Thresholds.DriftPsi, options.Drift.Thresholds.MinCount, options.Drift.Interval));
        Assert.Equal(["15m", "1h", "1d"], options.Drift.Windows.Select(w => w.Window.Name));
    }

    [Fact]
    public void DriftOptions_EverySettingWrong_ErrorsNameEachFlag()
    {
        var options = new CollectorOptions();
        options.Drift.Interval = TimeSpan.Zero;
        options.Drift.Thresholds = new DriftThresholds(-1, -2, 0);

        var errors = CollectorOptionsValidator.Validate(options);

        Assert.Equal(["--drift-interval", "--drift-warn-psi", "--drift-psi", "--drift-min-count"], errors.Select(e => e.Split(' ')[0]));
    }

    [Theory]
    [InlineData("1m", 1)]
    [InlineData("90m", 90)]
    [InlineData("6h", 360)]
    [InlineData("30d", 43_200)]
    public void ServingWindow_Parse_MinutesHoursOrDays(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), ServingWindow.Parse(text).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0m")]
    [InlineData("15")]
    [InlineData("1w")]
    [InlineData("30s")]
    [InlineData("-1h")]
    [InlineData("721h")]
    public void ServingWindow_ParseSomethingElse_SaysWhatToWrite(string text)
    {
        var error = Assert.Throws<FormatException>(() => ServingWindow.Parse(text));

        Assert.Contains("write minutes, hours or days such as 15m, 1h, 6h or 1d", error.Message, StringComparison.Ordinal);
    }
}
