namespace Otel.Tracking.Tests;

/// <summary>
/// MlSemanticConventions moved to Otel.Tracking.Contracts; the SDK forwards it, so programs compiled against an SDK
/// that still held it find it at run time.
/// </summary>
public sealed class ContractsForwardingTests
{
    [Fact]
    public void SdkAssembly_ForwardsMlSemanticConventionsToTheContracts()
    {
        var forwarded = typeof(MlTracking).Assembly.GetForwardedTypes();

        Assert.Contains(typeof(MlSemanticConventions), forwarded);
        Assert.Equal("Otel.Tracking.Contracts", typeof(MlSemanticConventions).Assembly.GetName().Name);
    }
}
