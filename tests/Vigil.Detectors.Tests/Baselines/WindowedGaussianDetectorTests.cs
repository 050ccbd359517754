using System.Globalization;
using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;
using Vigil.Validation;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class WindowedGaussianDetectorTests
{
    public static TheoryData<string> ReferenceCases => new(ReadReference().Keys);

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void ScoresEqualTheNumpyReferenceBitForBitOnLinux(string name)
    {
        var reference = ReadReference()[name];
        var detector = new WindowedGaussianDetector(new WindowedGaussianOptions { WindowSize = reference.WindowSize, StepSize = reference.StepSize, Scoring = reference.Scoring });
        var scores = StreamingRunner.Run(detector, SyntheticSeries.Create(name, reference.Values.ToArray())).Scores.ToArray();
        for (int i = 0; i < scores.Length; i++)
        {
            double expected = reference.Scores[i];
            double error = expected == 0 ? Math.Abs(scores[i]) : Math.Abs((scores[i] - expected) / expected);
            Assert.True(error <= Numerics.SpecialFunctionsTests.ReferenceTolerance, $"{name} row {i}: expected {expected:R}, got {scores[i]:R}.");
        }
    }

    [Fact]
    public void DefaultsAreThoseOfNabsPublishedRun()
    {
        var options = new WindowedGaussianOptions();
        Assert.Equal(6400, options.WindowSize);
        Assert.Equal(100, options.StepSize);
        Assert.Equal(WindowedGaussianScoring.TailComplement, options.Scoring);
    }

    [Fact]
    public void TailComplementFlagsOutliersOnBothSides()
    {
        foreach (double outlier in new[] { -1000.0, 1000.0 })
        {
            var detector = new WindowedGaussianDetector(new WindowedGaussianOptions());
            Assert.Equal(0.0, detector.Step(Point(10.0)));
            Assert.Equal(0.5, detector.Step(Point(10.0)));
            Assert.Equal(1.0, detector.Step(Point(outlier)));
        }

        Assert.Equal(WindowedGaussianDetector.TailComplement(3.0, 1.0, 2.0), WindowedGaussianDetector.TailComplement(-1.0, 1.0, 2.0));
    }

    [Fact]
    public void FirstRowScoresZeroAndFarBelowTheMeanScoresExactlyOne()
    {
        var detector = new WindowedGaussianDetector(new WindowedGaussianOptions { WindowSize = 1000, StepSize = 1, Scoring = WindowedGaussianScoring.NupicTail });
        Assert.Equal(0.0, detector.Step(Point(10.0)));
        Assert.Equal(0.5, detector.Step(Point(10.0)));
        Assert.Equal(1.0, detector.Step(Point(-1000.0)));
    }

    [Fact]
    public void NormalProbabilityUsesTheReferenceConstantAndMirror()
    {
        Assert.Equal(0.5 * Vigil.Numerics.SpecialFunctions.Erfc(1.0 / 1.4142), WindowedGaussianDetector.NormalProbability(3.0, 1.0, 2.0));
        Assert.Equal(1.0 - WindowedGaussianDetector.NormalProbability(3.0, 1.0, 2.0), WindowedGaussianDetector.NormalProbability(-1.0, 1.0, 2.0));
    }

    [Fact]
    public void StepSizeAboveWindowSizeIsRejectedNamingTheKey()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => new WindowedGaussianDetector(new WindowedGaussianOptions { WindowSize = 5, StepSize = 6 }));
        Assert.Contains(exception.Errors, e => e.Key == "stepSize");
    }

    [Fact]
    public void LearnFalseScoresWithoutChangingTheWindow()
    {
        var frozen = new WindowedGaussianDetector(new WindowedGaussianOptions { WindowSize = 3, StepSize = 1 });
        var plain = new WindowedGaussianDetector(new WindowedGaussianOptions { WindowSize = 3, StepSize = 1 });
        foreach (double v in new[] { 1.0, 2.0, 4.0 })
        {
            frozen.Step(Point(v));
            plain.Step(Point(v));
        }

        frozen.Step(Point(100.0), learn: false);
        Assert.Equal(plain.Step(Point(3.0)), frozen.Step(Point(3.0)));
    }

    private static Observation Point(double value) => new(SyntheticSeries.Start, value);

    private sealed record ReferenceCase(int WindowSize, int StepSize, WindowedGaussianScoring Scoring, List<double> Values, List<double> Scores);

    // Reference/windowed-gaussian.csv: see Reference/README.md for how it was generated.
    private static Dictionary<string, ReferenceCase> ReadReference()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Baselines", "Reference", "windowed-gaussian.csv");
        var cases = new Dictionary<string, ReferenceCase>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            if (!cases.TryGetValue(f[0], out var c))
            {
                c = new ReferenceCase(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture),
                    Enum.Parse<WindowedGaussianScoring>(f[3], ignoreCase: true), [], []);
                cases.Add(f[0], c);
            }

            c.Values.Add(double.Parse(f[5], CultureInfo.InvariantCulture));
            c.Scores.Add(double.Parse(f[6], CultureInfo.InvariantCulture));
        }

        return cases;
    }
}
