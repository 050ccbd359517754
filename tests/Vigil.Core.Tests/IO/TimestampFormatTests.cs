using Vigil.IO;

namespace Vigil.Core.Tests.IO;

/// <summary>Issue 12 item 15: one output form that keeps the input's precision and offset; Unix time accepted.</summary>
public sealed class TimestampFormatTests
{
    private static DateTimeOffset Parse(string text)
    {
        Assert.True(TimestampParser.TryParse(text, out var value), text);
        return value;
    }

    [Theory]
    [InlineData(new[] { "2014-07-01 00:00:00", "2014-07-01 00:05:00" }, new[] { "2014-07-01 00:00:00", "2014-07-01 00:05:00" })]
    [InlineData(new[] { "2014-07-01 00:00:00", "2014-07-01 00:00:00.25" }, new[] { "2014-07-01 00:00:00.00", "2014-07-01 00:00:00.25" })]
    [InlineData(new[] { "2014-07-01T00:00:00.123+02:00", "2014-07-01T01:00:00+02:00" }, new[] { "2014-07-01 00:00:00.123+02:00", "2014-07-01 01:00:00.000+02:00" })]
    [InlineData(new[] { "2014-07-01T00:00:00Z", "2014-07-01T00:00:01.1234567Z" }, new[] { "2014-07-01 00:00:00.0000000", "2014-07-01 00:00:01.1234567" })]
    public void OneFormPerFileThatRoundTripsThePrecision(string[] input, string[] expected)
    {
        var parsed = input.Select(Parse).ToArray();
        var format = TimestampFormat.For(parsed);
        var printed = parsed.Select(format.Format).ToArray();
        Assert.Equal(expected, printed);
        Assert.Equal(parsed, printed.Select(Parse).ToArray());   // same instants back
    }

    [Fact]
    public void AnOffsetIsKeptNotSilentlyConvertedToUtc()
    {
        var t = Parse("2014-07-01 10:00:00+02:00");
        Assert.Equal(TimeSpan.FromHours(2), t.Offset);
        Assert.Equal(new DateTimeOffset(2014, 7, 1, 8, 0, 0, TimeSpan.Zero), t);
    }

    [Theory]
    [InlineData("1404172800", "2014-07-01 00:00:00")]
    [InlineData("1404172800.5", "2014-07-01 00:00:00.5")]
    [InlineData("1404172800250", "2014-07-01 00:00:00.25")]
    public void UnixSecondsAndMillisecondsAreAccepted(string text, string expected)
    {
        var t = Parse(text);
        Assert.Equal(expected, TimestampFormat.For([t]).Format(t));
    }
}
