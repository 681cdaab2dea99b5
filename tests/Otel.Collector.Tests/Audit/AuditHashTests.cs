using Otel.Collector.Audit;

namespace Otel.Collector.Tests.Audit;

/// <summary>The encoding docs/audit.md documents, pinned: a verifier in another language computes the same hashes.</summary>
public sealed class AuditHashTests
{
    [Fact]
    public void Compute_DocumentedEncoding_GivesThePinnedHash() =>
        Assert.Equal("bae1f66daa1cf951154b1961285d6928281967c898f6c68adff767ebd28f2fbf",
            AuditHash.Compute(1, 1_700_000_000_000, "alice", "key.create", "key:ci", """{"id":"x"}""", AuditHash.Genesis));

    [Fact]
    public void Compute_FieldBoundaryMoved_GivesAnotherHash() =>
        Assert.Equal("e7c3edf9f0210f67a0bb6b405738381f9a48d34e5d6f7f6c03ac6fc8b2189186",
            AuditHash.Compute(1, 1_700_000_000_000, "al", "ice", "key:ci", """{"id":"x"}""", AuditHash.Genesis));

    [Theory]
    [InlineData("12:" + "ab", false)]
    [InlineData("0:0000000000000000000000000000000000000000000000000000000000000000", false)]
    [InlineData("3:ABCDEF0000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("3-abcdef0000000000000000000000000000000000000000000000000000000000", false)]
    public void AuditAnchor_TryParse_AcceptsOnlySeqColonSha256(string text, bool valid) =>
        Assert.Equal(valid, AuditAnchor.TryParse(text, out _));
}
