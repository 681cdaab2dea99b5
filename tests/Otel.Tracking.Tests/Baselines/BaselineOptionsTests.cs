namespace Otel.Tracking.Tests.Baselines;

public sealed class BaselineOptionsTests
{
    [Fact]
    public void Validate_BaselineSettingsOutOfRange_EveryErrorNamesItsProperty()
    {
        var errors = new MlTrackingOptions { BaselineBins = 1, BaselineTopCategories = 1001, BaselineMaxRows = 999 }.Validate();

        Assert.Contains("BaselineBins must be between 2 and 1,000 (was 1).", errors);
        Assert.Contains("BaselineTopCategories must be between 1 and 1,000 (was 1001).", errors);
        Assert.Contains("BaselineMaxRows must be between 1,000 and 10,000,000 (was 999).", errors);
    }

    [Fact]
    public void Defaults_DecilesTopTwentyAndAHundredThousandRows_ProfilingOn()
    {
        var options = new MlTrackingOptions();

        Assert.Equal((true, 10, 20, 100_000), (options.ProfileTrainingDatasets, options.BaselineBins, options.BaselineTopCategories, options.BaselineMaxRows));
        Assert.Empty(options.Validate());
    }
}
