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
        var failures = new List<string>();
        if (options.MaxRequestBodyBytes < 1)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{nameof(OtlpReceiverOptions.MaxRequestBodyBytes)} must be between 1 and {int.MaxValue}; it is {options.MaxRequestBodyBytes}."));
        }

        if (options.MaxJsonDepth is < MinJsonDepth or > MaxJsonDepth)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{nameof(OtlpReceiverOptions.MaxJsonDepth)} must be between {MinJsonDepth} and {MaxJsonDepth}; it is {options.MaxJsonDepth}."));
        }

        if (options.MaxConcurrentRequests is < 1 or > 10_000)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{nameof(OtlpReceiverOptions.MaxConcurrentRequests)} must be between 1 and 10000; it is {options.MaxConcurrentRequests}."));
        }

        if (options.MaxQueuedRequests is < 0 or > 100_000)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{nameof(OtlpReceiverOptions.MaxQueuedRequests)} must be between 0 and 100000; it is {options.MaxQueuedRequests}."));
        }

        options.Limits.Validate($"{nameof(OtlpReceiverOptions.Limits)}.", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
