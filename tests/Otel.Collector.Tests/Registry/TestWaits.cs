using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Registry;

/// <summary>Every await of the registry tests is bounded: calls that carry no timeout of their own go through <see cref="Within{T}"/>.</summary>
internal static class TestWaits
{
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

    public static Task Within(this Task task) => task.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
}
