using Vigil.Detection;
using Vigil.Testing;
using Xunit.Sdk;

namespace Vigil.Core.Tests.Detection;

/// <summary>
/// Issue 12 item 23: the kit must fail detectors that break the contract. Each broken detector is run through the
/// kit's own fact, which must throw; a kit that passed them would be checking nothing.
/// </summary>
public sealed class ConformanceKitFailureTests
{
    [Fact]
    public void ALookAheadDetectorFailsThePrefixFact() =>
        Assert.ThrowsAny<XunitException>(() => new LookAheadKit().ScoresOfPrefixArePrefixOfScores());

    [Fact]
    public void ANonDeterministicDetectorFailsTheSameSeedFact() =>
        Assert.ThrowsAny<XunitException>(() => new NonDeterministicKit().SameOptionsAndSeedGiveIdenticalScores());

    [Fact]
    public void AnInputMutatingDetectorFailsTheUnchangedInputFact() =>
        Assert.ThrowsAny<XunitException>(() => new InputMutatingKit().TheInputSeriesIsLeftUnchanged());

    [Fact]
    public void WellBehavedDetectorsPassTheSameFacts()
    {
        var batch = new FittedMeanConformance();
        batch.ScoresOfPrefixArePrefixOfScores();
        batch.TheInputSeriesIsLeftUnchanged();
        new TrailingMeanConformance().SameOptionsAndSeedGiveIdenticalScores();
    }

    [Fact]
    public void FactsOfTheOtherProtocolAreSkippedWithAReason()
    {
        Assert.Contains("is not a batch detector", ProtocolFactDiscoverer.SkipReason(typeof(TrailingMeanConformance), DetectorProtocol.Batch, false), StringComparison.Ordinal);
        Assert.Contains("is not a streaming detector", ProtocolFactDiscoverer.SkipReason(typeof(FittedMeanConformance), DetectorProtocol.Streaming, false), StringComparison.Ordinal);
        Assert.Null(ProtocolFactDiscoverer.SkipReason(typeof(TrailingMeanConformance), DetectorProtocol.Streaming, true));
        Assert.Contains("ResetRestoresFreshState is false", ProtocolFactDiscoverer.SkipReason(typeof(NonDeterministicKit), DetectorProtocol.Streaming, true), StringComparison.Ordinal);
    }

    // Not public: xunit must not run these kits as test classes (their facts fail by design); the tests above call them.
#pragma warning disable xUnit1000
    private sealed class LookAheadKit : DetectorConformance<LookAheadDetector>
    {
        protected override DetectorDescriptor Descriptor => LookAheadDetector.Descriptor;
    }

    private sealed class NonDeterministicKit : DetectorConformance<NonDeterministicDetector>
    {
        protected override DetectorDescriptor Descriptor => NonDeterministicDetector.Descriptor;
    }

    private sealed class InputMutatingKit : DetectorConformance<InputMutatingDetector>
    {
        protected override DetectorDescriptor Descriptor => InputMutatingDetector.Descriptor;
    }
#pragma warning restore xUnit1000
}
