using System.Runtime.CompilerServices;

namespace Otel.Testing;

/// <summary>
/// Polling of observable state, bounded by a timeout: the state itself is the synchronisation, never a sleep.
/// Cancelled with the running test.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a condition may take unless the caller says otherwise (one short exchange).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Short enough to add little latency, long enough not to spin a shared machine.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Polls until <paramref name="condition"/> holds; fails with <paramref name="failureMessage"/> on timeout
    /// (by default, the condition's own source text).
    /// </summary>
    public static Task UntilAsync(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string failureMessage = "", TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), failureMessage, timeout);

    /// <summary>
    /// Polls until <paramref name="condition"/> holds; fails with <paramref name="failureMessage"/> on timeout
    /// (by default, the condition's own source text).
    /// </summary>
    public static Task UntilAsync(Func<Task<bool>> condition, [CallerArgumentExpression(nameof(condition))] string failureMessage = "", TimeSpan? timeout = null) =>
        UntilAsync(condition, holds => holds, _ => "condition not met: " + failureMessage, timeout);

    /// <summary>
    /// Reads until <paramref name="condition"/> holds for the value read, and returns that value; on timeout fails
    /// with the message <paramref name="failureMessage"/> makes of the last value read.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, Func<T, string> failureMessage, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                Assert.Fail($"{failureMessage(value)} (waited {limit.TotalSeconds:0.#} s)");
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }
}
