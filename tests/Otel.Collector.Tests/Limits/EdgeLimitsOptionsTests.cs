using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Otel.Collector.Limits;
using Otel.Collector.Receivers;
using Otel.Collector.Tests.Receivers;

namespace Otel.Collector.Tests.Limits;

public sealed class EdgeLimitsOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes_AndValid()
    {
        var limits = new OtlpReceiverOptions().Limits;

        Assert.Equal(2048, limits.MaxAttributeCount);
        Assert.Equal(512, limits.MaxAttributeKeyBytes);
        Assert.Equal(1024 * 1024, limits.MaxAttributeValueBytes);
        Assert.Equal(100_000, limits.MaxArrayLength);
        Assert.Equal(16, limits.MaxValueDepth);
        Assert.Equal(1024, limits.MaxEventsPerSpan);
        Assert.Equal(1024, limits.MaxLinksPerSpan);
        Assert.Equal(1000, limits.MaxParamsPerRun);
        Assert.Equal(100_000, limits.MaxDataPointsPerRequest);
        Assert.True(new OtlpReceiverOptionsValidator().Validate(null, new OtlpReceiverOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EveryLimitWrong_ReportsEachNamingTheOptionAndItsRange()
    {
        var options = new OtlpReceiverOptions();
        foreach (var property in LimitProperties())
        {
            property.SetValue(options.Limits, 0);
        }

        var result = new OtlpReceiverOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(LimitProperties().Length, failures.Count);
        foreach (var property in LimitProperties())
        {
            Assert.Contains(failures, f => f.StartsWith($"Limits.{property.Name} must be between 1 and ", StringComparison.Ordinal) && f.EndsWith("; it is 0.", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(33)]
    [InlineData(-1)]
    public void Validate_DepthOutsideOneTo32_Fails(int depth)
    {
        var options = new OtlpReceiverOptions();
        options.Limits.MaxValueDepth = depth;

        var failure = Assert.Single(new OtlpReceiverOptionsValidator().Validate(null, options).Failures!);

        Assert.Equal($"Limits.MaxValueDepth must be between 1 and 32; it is {depth}.", failure);
    }

    [Fact]
    public void Validate_MoreParamsThanAttributes_FailsNamingBoth()
    {
        var options = new OtlpReceiverOptions();
        options.Limits.MaxAttributeCount = 500;
        options.Limits.MaxParamsPerRun = 501;

        var failure = Assert.Single(new OtlpReceiverOptionsValidator().Validate(null, options).Failures!);

        Assert.Equal("Limits.MaxParamsPerRun must be between 1 and Limits.MaxAttributeCount (500); it is 501.", failure);
    }

    [Fact]
    public void CopyTo_CopiesEveryLimit()
    {
        var source = new EdgeLimits();
        var value = 3;
        foreach (var property in LimitProperties())
        {
            property.SetValue(source, value++);
        }

        var target = new EdgeLimits();
        source.CopyTo(target);

        foreach (var property in LimitProperties())
        {
            Assert.Equal(property.GetValue(source), property.GetValue(target));
        }
    }

    [Fact]
    public async Task StartAsync_InvalidLimit_FailsBeforeServing()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => OtlpReceiverHost.StartAsync(o => o.Limits.MaxArrayLength = 0));

        Assert.Contains("Limits.MaxArrayLength", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOtlpReceivers_RegistersOneCheckerOnTheConfiguredLimits()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOtlpReceivers(o => o.Limits.MaxEventsPerSpan = 7);
        services.AddOtlpReceivers();
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, s => s.ServiceType == typeof(EdgeLimitChecker));
        Assert.Equal(7, provider.GetRequiredService<EdgeLimitChecker>().Limits.MaxEventsPerSpan);
    }

    internal static PropertyInfo[] LimitProperties() =>
        [.. typeof(EdgeLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(int) && p.CanWrite)];
}
