using Otel.Cli.Output;

namespace Otel.Cli.Tests.Output;

public sealed class IdPrefixesTests
{
    [Fact]
    public void Of_IdsApartEarly_KeepEightCharacters()
    {
        var prefixes = IdPrefixes.Of(["9da52d3aa1724c6bb347a63529c941b6", "e132fccc063948c585bad00f936c0b9e"]);

        Assert.Equal(8, prefixes.Length);
        Assert.Equal("9da52d3a", prefixes.Shorten("9da52d3aa1724c6bb347a63529c941b6"));
    }

    [Fact]
    public void Of_IdsSharingTenCharacters_KeepElevenSoTheyStayApart()
    {
        var prefixes = IdPrefixes.Of(["0123456789abcdef", "0123456789fedcba", "ffffffffffffffff"]);

        Assert.Equal(11, prefixes.Length);
        Assert.Equal(["0123456789a", "0123456789f", "fffffffffff"], new[] { "0123456789abcdef", "0123456789fedcba", "ffffffffffffffff" }.Select(prefixes.Shorten));
    }

    [Fact]
    public void Shorten_IdShorterThanTheLength_ShownWhole()
    {
        var prefixes = IdPrefixes.Of(["run-1", "sweep/trial-1", "sweep/trial-2"]);

        Assert.Equal("run-1", prefixes.Shorten("run-1"));
        Assert.Equal("sweep/trial-1", prefixes.Shorten("sweep/trial-1"));
    }

    [Fact]
    public void Of_RepeatedIdsOrNone_KeepTheMinimum()
    {
        Assert.Equal(IdPrefixes.Minimum, IdPrefixes.Of(["0123456789abcdef", "0123456789abcdef"]).Length);
        Assert.Equal(IdPrefixes.Minimum, IdPrefixes.Of([]).Length);
    }
}
