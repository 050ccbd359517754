using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Core.Tests.Detection;

public sealed class DetectorRegistryTests
{
    private static DetectorRegistry Registry() => new DetectorRegistry().Add(TrailingMeanDetector.Descriptor).Add(FittedMeanDetector.Descriptor);

    [Fact]
    public void UnknownNameListsCloseMatchesAndEveryRegisteredName()
    {
        var ex = Assert.Throws<UnknownDetectorException>(() => Registry().Get("trailing-maen"));
        Assert.Contains("Did you mean 'trailing-mean'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("trailing-mean, fitted-mean", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Trailing")]
    [InlineData("has space")]
    [InlineData("under_score")]
    [InlineData("-leading")]
    public void NamesMustBeKebabCase(string name)
    {
        var descriptor = TrailingMeanDetector.Descriptor with { Name = name };
        Assert.Throws<ArgumentException>(() => new DetectorRegistry().Add(descriptor));
    }

    [Fact]
    public void DuplicateNamesAreRejected() =>
        Assert.Throws<ArgumentException>(() => Registry().Add(TrailingMeanDetector.Descriptor));

    [Fact]
    public void CreateValidatesTypedOptions()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Registry().Create("trailing-mean", new CountingOptions { Window = 0, Alpha = -1 }));
        Assert.Equal(2, ex.Errors.Count);
        Assert.IsType<TrailingMeanDetector>(Registry().Create("trailing-mean", new CountingOptions { Window = 3 }));
    }
}
