using System.Globalization;
using Microsoft.Extensions.Options;

namespace Otel.Collector.Receivers;

/// <summary>Collects every invalid receiver option, each message naming the option to fix.</summary>
internal sealed class OtlpReceiverOptionsValidator : IValidateOptions<OtlpReceiverOptions>
{
    private const int MinJsonDepth = 8;
    private const int MaxJsonDepth = 1000;

    public ValidateOptionsResult Validate(string? name, OtlpReceiverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Collect(options, static option => option, static limit => $"{nameof(OtlpReceiverOptions.Limits)}.{limit}");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Every invalid option, each named as <paramref name="option"/> spells a property of
    /// <see cref="OtlpReceiverOptions"/> and <paramref name="limit"/> one of its limits (option names, or the serve flags).
    /// </summary>
    public static List<string> Collect(OtlpReceiverOptions options, Func<string, string> option, Func<string, string> limit)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Range(failures, option(nameof(OtlpReceiverOptions.MaxRequestBodyBytes)), options.MaxRequestBodyBytes, 1, int.MaxValue);
        Range(failures, option(nameof(OtlpReceiverOptions.MaxJsonDepth)), options.MaxJsonDepth, MinJsonDepth, MaxJsonDepth);
        Range(failures, option(nameof(OtlpReceiverOptions.MaxConcurrentRequests)), options.MaxConcurrentRequests, 1, 10_000);
        Range(failures, option(nameof(OtlpReceiverOptions.MaxQueuedRequests)), options.MaxQueuedRequests, 0, 100_000);
        Range(failures, option(nameof(OtlpReceiverOptions.MaxBufferedBodyBytes)), options.MaxBufferedBodyBytes, 1024 * 1024, int.MaxValue);
        Range(failures, option(nameof(OtlpReceiverOptions.MinRequestBodyBytesPerSecond)), options.MinRequestBodyBytesPerSecond, 1, int.MaxValue);
        options.Limits.Validate(limit, failures);
        return failures;
    }

    private static void Range(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}; it is {value}."));
        }
    }
}
