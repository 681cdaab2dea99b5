using Otel.Collector.Artifacts.S3;

namespace Otel.Collector.Tests.Artifacts;

public sealed class SigV4SignerTests
{
    // AWS's published example "GET Object" (Amazon S3 API reference, Signature Version 4 header examples).
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void Authorization_AwsGetObjectExample_MatchesPublishedSignature()
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "examplebucket.s3.amazonaws.com",
            ["range"] = "bytes=0-9",
            ["x-amz-content-sha256"] = SigV4Signer.EmptyPayloadSha256,
            ["x-amz-date"] = "20130524T000000Z",
        };

        var authorization = SigV4Signer.Authorization(
            "GET", "/test.txt", "", headers, SigV4Signer.EmptyPayloadSha256,
            new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero), "us-east-1", AccessKey, SecretKey);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date," +
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            authorization);
    }

    [Fact]
    public void Sign_Request_AddsDateHashAndSignsHostWithPort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "http://127.0.0.1:9000/bucket/sha256/ab/cd");

        SigV4Signer.Sign(request, SigV4Signer.EmptyPayloadSha256, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "us-east-1", "key", "secret");

        Assert.Equal("20250102T030405Z", Assert.Single(request.Headers.GetValues("x-amz-date")));
        Assert.Equal(SigV4Signer.EmptyPayloadSha256, Assert.Single(request.Headers.GetValues("x-amz-content-sha256")));
        var authorization = Assert.Single(request.Headers.GetValues("Authorization"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=key/20250102/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=", authorization, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/bucket/a b/c", "/bucket/a%20b/c")]
    [InlineData("/bucket/ü~x", "/bucket/%C3%BC~x")]
    public void CanonicalUri_SpecialCharacters_PercentEncodedPerSegment(string path, string expected)
    {
        Assert.Equal(expected, SigV4Signer.CanonicalUri(new Uri("http://host" + path)));
    }
}
