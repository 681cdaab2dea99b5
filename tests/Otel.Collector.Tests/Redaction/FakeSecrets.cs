namespace Otel.Collector.Tests.Redaction;

/// <summary>
/// Look-alike credentials, built at run time so no secret scanner mistakes the test sources for a leak.
/// </summary>
internal static class FakeSecrets
{
    public const string Marker = "[REDACTED]";

    /// <summary>The documented AWS example key pair.</summary>
    public const string AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string AwsSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>The jwt.io example token.</summary>
    public const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    /// <summary><paramref name="prefix"/> followed by <paramref name="length"/> mixed letters and digits.</summary>
    public static string Token(string prefix, int length)
    {
        const string alphabet = "aB3cD4eF5gH6iJ7kL8mN9pQ2rS";
        return prefix + string.Create(length, alphabet, static (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = a[i % a.Length];
            }
        });
    }
}
