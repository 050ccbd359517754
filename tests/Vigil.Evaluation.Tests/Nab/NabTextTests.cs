using System.Globalization;
using System.Text;
using Vigil.Evaluation.Nab;
using Vigil.Randomness;

namespace Vigil.Evaluation.Tests.Nab;

public sealed class NabTextTests
{
    [Theory]
    [InlineData("0.0301029996659")]
    [InlineData("-0.0301029996659")]
    [InlineData("10844")]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1.0")]
    [InlineData("0.999999999999")]
    [InlineData("9007199254740993")]
    [InlineData("0.1234567890123456789")]
    [InlineData("1e-5")]
    [InlineData("  0.5 ")]
    [InlineData("\"0.25\"")]
    [InlineData("12345678901234567890.5")]
    public void ParsesExactlyAsDoubleParse(string text)
    {
        Assert.True(NabText.TryParseDouble(Encoding.ASCII.GetBytes(text), out double value));
        double expected = double.Parse(text.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void RandomDecimalsParseBitForBitAsDoubleParse()
    {
        var rng = RandomSource.Create(3);
        for (int i = 0; i < 20000; i++)
        {
            double x = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.NextInt(12) - 4);
            string text = x.ToString("G" + (1 + rng.NextInt(17)), CultureInfo.InvariantCulture);
            Assert.True(NabText.TryParseDouble(Encoding.ASCII.GetBytes(text), out double value), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1,5")]
    public void RejectsMalformedNumbers(string text) =>
        Assert.False(NabText.TryParseDouble(Encoding.ASCII.GetBytes(text), out _));
}
