using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Otel.Collector.Receivers;
using Otel.Collector.Receivers.Grpc;

namespace Otel.Collector.Tests.Receivers;

public sealed class OtlpReceiverOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new OtlpReceiverOptions();

        Assert.True(new OtlpReceiverOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(32 * 1024 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(64, options.MaxJsonDepth);
    }

    [Fact]
    public void Validate_EveryOptionWrong_ReportsEachNamingTheOption()
    {
        var result = new OtlpReceiverOptionsValidator().Validate(null, new OtlpReceiverOptions { MaxRequestBodyBytes = 0, MaxJsonDepth = 2 });

        Assert.True(result.Failed);
        Assert.Collection(
            result.Failures!,
            f => Assert.StartsWith("MaxRequestBodyBytes must be between 1 and", f, StringComparison.Ordinal),
            f => Assert.StartsWith("MaxJsonDepth must be between 8 and 1000", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsBeforeServing()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => OtlpReceiverHost.StartAsync(o => o.MaxJsonDepth = 0));

        Assert.Contains("MaxJsonDepth", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOtlpReceivers_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();

        services.AddOtlpReceivers();
        services.AddOtlpReceivers(o => o.MaxRequestBodyBytes = 1000);

        Assert.Single(services, s => s.ServiceType == typeof(IValidateOptions<OtlpReceiverOptions>));
        Assert.Single(services, s => s.ServiceType == typeof(IPostConfigureOptions<GrpcServiceOptions<OtlpGrpcTraceService>>));
    }

    [Fact]
    public void AddOtlpReceivers_Limit_AppliesToTheOtlpGrpcServicesOnly()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOtlpReceivers(o => o.MaxRequestBodyBytes = 1000);
        using var provider = services.BuildServiceProvider();

        var otlp = provider.GetRequiredService<IOptions<GrpcServiceOptions<OtlpGrpcLogsService>>>().Value;
        var global = provider.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;

        Assert.Equal(1000, otlp.MaxReceiveMessageSize);
        Assert.IsType<BoundedGzipCompressionProvider>(Assert.Single(otlp.CompressionProviders));
        Assert.NotEqual(1000, global.MaxReceiveMessageSize);
        Assert.DoesNotContain(global.CompressionProviders, p => p is BoundedGzipCompressionProvider);
    }

    [Fact]
    public async Task MapOtlpReceivers_WithoutAddOtlpReceivers_ThrowsSayingWhatToCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapOtlpReceivers());

        Assert.Contains("AddOtlpReceivers", ex.Message, StringComparison.Ordinal);
    }
}
