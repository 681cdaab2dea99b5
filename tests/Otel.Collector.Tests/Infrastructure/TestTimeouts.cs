namespace Otel.Collector.Tests.Infrastructure;

/// <summary>How long a test waits for anything that could hang.</summary>
internal static class TestTimeouts
{
    /// <summary>One statement or a short exchange.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>Opening a store: may boot chDB, or on a fresh machine fetch it (about 10 s).</summary>
    public static readonly TimeSpan StoreOpen = TimeSpan.FromMinutes(3);

    /// <summary>Pulling and starting a ClickHouse container.</summary>
    public static readonly TimeSpan ContainerStart = TimeSpan.FromMinutes(5);
}
