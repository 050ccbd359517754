using System.Text.Json;
using Vigil.Core.Tests.Detection;
using Vigil.Detection;
using Vigil.Pipeline;
using Vigil.Validation;

namespace Vigil.Core.Tests.Pipeline;

public sealed class CalibrationSpecTests
{
    [Fact]
    public void RoundTripsThroughJson()
    {
        var spec = new CalibrationSpec { Method = CalibrationMethod.GaussianTail, AveragingWindow = 7, HistoricWindow = 999, ReestimationPeriod = 3, TwoSided = true, LogScale = false, RiseWindow = 6, SmoothingAlpha = 0.25, BoundRawScores = true };
        string json = spec.ToJson();
        Assert.Contains("\"boundRawScores\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"riseWindow\":6", json, StringComparison.Ordinal);
        Assert.Contains("\"method\":\"gaussian-tail\"", json, StringComparison.Ordinal);
        Assert.Equal(spec, CalibrationSpec.FromJson(json));
        Assert.Equal(CalibrationSpec.Likelihood, CalibrationSpec.FromJson("\"likelihood\""));
    }

    [Fact]
    public void TheRiseIsEachScoreAboveTheSmallestOfThePreviousWindowAndContinuesFromItsState()
    {
        // The definition, computed directly: max(0, x_t - min(x_{t-w} .. x_{t-1})), 0 for the first score.
        var random = new Random(7);
        double[] raw = Enumerable.Range(0, 300).Select(t => random.NextDouble() + (t is >= 120 and < 150 ? 3.0 : 0.0)).ToArray();
        const int window = 24;
        double[] expected = raw.Select((x, t) => t == 0 ? 0.0 : Math.Max(0.0, x - raw[Math.Max(0, t - window)..t].Min())).ToArray();
        var spec = CalibrationSpec.None with { RiseWindow = window };
        Assert.False(spec.IsNone);
        var rise = spec.Create(0);
        double[] got = raw.Select(x => rise.Step(0.0, x)).ToArray();
        Assert.Equal(expected, got);

        // A plateau falls back to 0 once the window has passed its start; its first row keeps the step up.
        Assert.True(got[120] > 2.0);
        Assert.All(got[(120 + window + 1)..150], r => Assert.True(r < 1.0));

        // Saved half-way (as a model's manifest does) and restored, it goes on as one uninterrupted run.
        var first = spec.Create(0);
        foreach (double x in raw[..131])
        {
            first.Step(0.0, x);
        }

        var entry = Vigil.Persistence.CalibratorRecord.Of(spec, first)!;
        var restored = Vigil.Persistence.CalibratorRecord.Restore(entry, 0)!.Value.Calibrator;
        Assert.Equal(expected[131..], raw[131..].Select(x => restored.Step(0.0, x)).ToArray());

        // A state written without the rise (an older manifest) is refused for a spec with one rather than misread.
        var plain = Vigil.Persistence.CalibratorRecord.Of(CalibrationSpec.None with { SmoothingAlpha = 0.5 }, (CalibrationSpec.None with { SmoothingAlpha = 0.5 }).Create(0))!;
        plain["spec"] = System.Text.Json.Nodes.JsonNode.Parse(spec.ToJson());
        Assert.Throws<InvalidDataException>(() => Vigil.Persistence.CalibratorRecord.Restore(plain, 0));
    }

    [Fact]
    public void ASavedCalibratorWrittenBeforeBoundRawScoresExistedKeepsTheBound()
    {
        // Manifests written before 2026-12-06 have no boundRawScores key: their calibrator's history holds bounded
        // scores, so the restored spec goes on bounding; a manifest written now states the key and keeps its value.
        var calibrator = CalibrationSpec.Likelihood.Create(10);
        var entry = Vigil.Persistence.CalibratorRecord.Of(CalibrationSpec.Likelihood, calibrator)!;
        Assert.False(Vigil.Persistence.CalibratorRecord.Restore(entry, 10)!.Value.Spec.BoundRawScores);
        var old = (System.Text.Json.Nodes.JsonObject)entry.DeepClone();
        Assert.True(((System.Text.Json.Nodes.JsonObject)old["spec"]!).Remove("boundRawScores"));
        var restored = Vigil.Persistence.CalibratorRecord.Restore(old, 10)!.Value;
        Assert.True(restored.Spec.BoundRawScores);
        Assert.Equal(CalibrationSpec.Likelihood with { BoundRawScores = true }, restored.Spec);
    }

    [Fact]
    public void IsPartOfEveryDetectorsOptionsJson()
    {
        var bound = OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse("{\"window\": 3, \"calibration\": {\"method\": \"ecdf\", \"historicWindow\": 100}}").RootElement);
        Assert.Equal(new CalibrationSpec { Method = CalibrationMethod.Ecdf, HistoricWindow = 100 }, bound.Calibration);
        var again = OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse(OptionsBinder.ToJson(bound)).RootElement);
        Assert.Equal(bound, again);
        Assert.Equal(CalibrationSpec.None, new CountingOptions().Calibration);
    }

    [Theory]
    [InlineData("\"likelyhood\"", "likelihood, ecdf")]
    [InlineData("{\"method\":\"ecdf\",\"windw\":3}", "windw")]
    [InlineData("{\"method\":\"likelihood\",\"averagingWindow\":0}", "calibration.averagingWindow")]
    [InlineData("42", "method name")]
    public void BadSpecsNameTheProblem(string json, string expected)
    {
        var e = Assert.Throws<OptionsValidationException>(() => OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse($"{{\"calibration\": {json}}}").RootElement));
        Assert.Contains("calibration", e.Message, StringComparison.Ordinal);
        var direct = Record.Exception(() => CalibrationSpec.FromJson(json));
        Assert.IsAssignableFrom<JsonException>(direct);
        Assert.Contains(expected, direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsErrorsNameTheKeyInsideTheSpecAndReportEveryOne()
    {
        // Before, any bad member made the whole object one "calibration: expected a calibration ..." error.
        var e = Assert.Throws<OptionsValidationException>(() => OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse(
            "{\"calibration\": {\"method\": \"likelyhood\", \"boundRawScores\": \"yes\", \"averagingWindow\": 1.5, \"historicWindw\": 10}}").RootElement));
        var keys = e.Errors.Select(x => x.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["calibration.averagingWindow", "calibration.boundRawScores", "calibration.historicWindw", "calibration.method"], keys);
        Assert.Contains("likelihood", e.Errors.Single(x => x.Key == "calibration.method").Message, StringComparison.Ordinal);
        Assert.Contains("true or false", e.Errors.Single(x => x.Key == "calibration.boundRawScores").Message, StringComparison.Ordinal);
        Assert.Contains("an integer", e.Errors.Single(x => x.Key == "calibration.averagingWindow").Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'historicWindow'?", e.Errors.Single(x => x.Key == "calibration.historicWindw").Message, StringComparison.Ordinal);

        var range = Assert.Throws<OptionsValidationException>(() => OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse(
            "{\"calibration\": {\"method\": \"likelihood\", \"historicWindow\": -5}}").RootElement));
        Assert.Equal("calibration.historicWindow", Assert.Single(range.Errors).Key);

        var notASpec = Assert.Throws<OptionsValidationException>(() => OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse(
            "{\"calibration\": null}").RootElement));
        Assert.Equal("calibration", Assert.Single(notASpec.Errors).Key);
    }

    [Fact]
    public void ASpecObjectWrittenAsTextBindsLikeTheObject()
    {
        // A configuration file's flow mapping (calibration: {"method": "ecdf", ...}) reaches the binder as text.
        var bound = OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse(
            "{\"calibration\": \"{\\\"method\\\": \\\"ecdf\\\", \\\"historicWindow\\\": 100}\"}").RootElement);
        Assert.Equal(new CalibrationSpec { Method = CalibrationMethod.Ecdf, HistoricWindow = 100 }, bound.Calibration);

        var broken = Assert.Throws<OptionsValidationException>(() => OptionsBinder.Bind(TrailingMeanDetector.Descriptor, JsonDocument.Parse(
            "{\"calibration\": \"{\\\"method\\\": \"}").RootElement));
        Assert.Equal("calibration", Assert.Single(broken.Errors).Key);
        Assert.Contains("not a valid JSON object", broken.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListsCompactly()
    {
        Assert.Equal("none", CalibrationSpec.None.ToString());
        Assert.Equal("likelihood(averagingWindow=20)", (CalibrationSpec.Likelihood with { AveragingWindow = 20 }).ToString());
    }
}
