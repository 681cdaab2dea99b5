using Otel.Cli.Output;

namespace Otel.Cli.Tests.Output;

public sealed class FormatTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(42, "42")]
    [InlineData(-3, "-3")]
    [InlineData(0.8123, "0.8123")]
    [InlineData(0.81234567, "0.8123")]
    [InlineData(1234.5, "1234.5")]
    [InlineData(80000000, "80000000")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.00054321, "5.432e-04")]
    [InlineData(0.00003, "3e-05")]
    [InlineData(1.2533888086068347E-10, "1.253e-10")]
    [InlineData(-1.25e-10, "-1.25e-10")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.2345678e15, "1.235e+15")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Number_Value_ReadsAsItsMagnitude(double value, string expected) => Assert.Equal(expected, Format.Number(value));
}
