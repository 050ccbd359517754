using Vigil.Detection;
using Vigil.Detectors.Htm;
using Xunit;

namespace Vigil.Detectors.Tests.Htm;

public sealed class HtmDetectorTests
{
    private static Observation Row(int i, double value) =>
        new(new DateTimeOffset(2015, 9, 8, 0, 0, 0, TimeSpan.Zero).AddMinutes(5 * i), value);

    private static double Value(int i) => Math.Sin(i * 2 * Math.PI / 48) * 10 + ((i * 7919) % 13) * 0.1;

    [Theory]
    [InlineData(HtmVariant.R0)]
    [InlineData(HtmVariant.R1)]
    public void SavingMidStreamAndRestoringContinuesBitForBit(HtmVariant variant)
    {
        var options = new HtmOptions { Variant = variant };
        var context = new SeriesContext(60, -11, 11);
        var uninterrupted = new HtmDetector(options);
        uninterrupted.Prepare(context);
        var first = new HtmDetector(options);
        first.Prepare(context);
        const int total = 400;
        const int saveAt = 250;
        var expected = new double[total];
        var expectedRaw = new float[total];
        for (int i = 0; i < total; i++)
        {
            expected[i] = uninterrupted.Step(Row(i, Value(i)));
            expectedRaw[i] = uninterrupted.LastRawScore;
        }

        for (int i = 0; i < saveAt; i++)
        {
            first.Step(Row(i, Value(i)));
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            first.WriteState(writer);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var restored = (HtmDetector)HtmDetector.Descriptor.Restore!(options, reader, HtmDetector.StateVersion);
        for (int i = saveAt; i < total; i++)
        {
            Assert.Equal(expected[i], restored.Step(Row(i, Value(i))));
            Assert.Equal(expectedRaw[i], restored.LastRawScore);
        }
    }

    [Fact]
    public void ANewerStateVersionIsRejectedClearly()
    {
        using var reader = new BinaryReader(new MemoryStream(new byte[16]));
        var error = Assert.Throws<InvalidDataException>(() => HtmDetector.Restore(new HtmOptions(), reader, HtmDetector.StateVersion + 1));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteValuesAreRejectedWithTheTimestamp(double value)
    {
        var detector = new HtmDetector(new HtmOptions());
        detector.Step(Row(0, 1.0));
        var error = Assert.Throws<ArgumentException>(() => detector.Step(Row(1, value)));
        Assert.Contains("2015-09-08", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesFarOutsideTheGivenRangeAndTimeGapsAreScored()
    {
        var detector = new HtmDetector(new HtmOptions { ProbationLength = 10 });
        detector.Prepare(new SeriesContext(10, 0, 1));
        for (int i = 0; i < 30; i++)
        {
            double score = detector.Step(Row(i * (i % 3 == 0 ? 100 : 1), i == 20 ? 1e12 : i == 25 ? -1e12 : (i % 5) / 5.0));
            Assert.InRange(score, 0.0, 1.0);
        }
    }

    [Fact]
    public void ConnectionsExportIsJson()
    {
        var detector = new HtmDetector(new HtmOptions());
        for (int i = 0; i < 20; i++)
        {
            detector.Step(Row(i, Value(i)));
        }

        using var stream = new MemoryStream();
        detector.WriteConnectionsJson(stream);
        using var doc = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        Assert.True(doc.RootElement.GetProperty("segments").GetArrayLength() > 0);
    }
}
