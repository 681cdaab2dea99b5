using Otel.Collector.ClickHouse;

namespace Otel.Collector.Tests.Storage;

/// <summary>The exact text shapes; the conformance suite proves them against real engines.</summary>
public sealed class ParameterTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\\N", "\\\\N")]
    [InlineData("a\tb\nc\rd\0e", "a\\tb\\nc\\rd\\0e")]
    [InlineData("it's", "it's")]
    public void EscapeScalar_Value_EscapesOnlyWhatTheEscapedReaderInterprets(string value, string expected)
    {
        Assert.Equal(expected, ParameterText.EscapeScalar(value));
    }

    [Fact]
    public void ArrayLiteral_Values_QuotesEachAndEscapesQuotesAndBackslashes()
    {
        Assert.Equal("['a','b\\'c','d\\\\e','f\\ng']", ParameterText.ArrayLiteral(["a", "b'c", "d\\e", "f\ng"]));
    }

    [Fact]
    public void ArrayLiteral_NoValues_IsEmptyBrackets()
    {
        Assert.Equal("[]", ParameterText.ArrayLiteral([]));
    }
}
