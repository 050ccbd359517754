using System.Text.Json;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Core.Tests.Detection;

public sealed class OptionsBinderTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void NullOptionsGiveTheDefaults()
    {
        var options = (CountingOptions)OptionsBinder.Bind(TrailingMeanDetector.Descriptor, null);
        Assert.Equal(new CountingOptions(), options);
    }

    [Fact]
    public void BindsCamelCaseKeysNumbersBooleansAndEnums()
    {
        var options = (CountingOptions)OptionsBinder.Bind(TrailingMeanDetector.Descriptor,
            Json("""{"window": 12, "alpha": 0.25, "smoothing": "exponential", "flag": true, "seed": 9}"""));
        Assert.Equal(new CountingOptions { Window = 12, Alpha = 0.25, Smoothing = SmoothingKind.Exponential, Flag = true, Seed = 9 }, options);
    }

    [Fact]
    public void ReportsEveryErrorAtOnceWithKeysRangesAndSuggestions()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => OptionsBinder.Bind(TrailingMeanDetector.Descriptor,
            Json("""{"windw": 3, "alpha": 1.5, "seed": -1, "flag": "yes"}""")));
        Assert.Equal(4, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Key == "windw" && e.Message.Contains("Did you mean 'window'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Key == "alpha" && e.Message.Contains("[0, 1]", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Key == "seed" && e.Message.Contains("[0, 2147483647]", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Key == "flag" && e.Message.Contains("true or false", StringComparison.Ordinal));
        Assert.Contains("trailing-mean", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsNonObjectOptions()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => OptionsBinder.Bind(TrailingMeanDetector.Descriptor, Json("[1,2]")));
        Assert.Single(ex.Errors);
    }

    [Fact]
    public void RoundTripsThroughJson()
    {
        var options = new CountingOptions { Window = 7, Smoothing = SmoothingKind.Exponential };
        string json = OptionsBinder.ToJson(options);
        Assert.Contains("\"smoothing\": \"exponential\"", json, StringComparison.Ordinal);
        Assert.Equal(options, OptionsBinder.Bind(TrailingMeanDetector.Descriptor, Json(json)));
    }

    [Fact]
    public void NonFiniteDoubleIsRejected()
    {
        var errors = new CountingOptions { Alpha = double.NaN }.Validate().ToList();
        Assert.Single(errors);
        Assert.Equal("alpha", errors[0].Key);
    }
}
