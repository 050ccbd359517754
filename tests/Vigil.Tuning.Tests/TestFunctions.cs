using Vigil.Tuning;
using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Tuning.Tests;

/// <summary>Test functions and a helper that runs a study on one.</summary>
internal static class TestFunctions
{
    public static double Branin(double x1, double x2)
    {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        double a = x2 - (b * x1 * x1) + (c * x1) - 6;
        return (a * a) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }

    public static SearchSpace BraninSpace { get; } = new([new FloatDistribution("x1", -5, 10), new FloatDistribution("x2", 0, 15)]);

    public static Study NewStudy(ISampler sampler, SearchSpace space, int seed, int syncWindow = 0, ITrialStore? store = null, IPruner? pruner = null, StudyDirection direction = StudyDirection.Minimize) =>
        new(store ?? new InMemoryTrialStore(),
            new StudyRecord("test", "none", "f", direction, space.Describe(), sampler.Name, (pruner ?? new NopPruner()).Name, seed, syncWindow, "", DateTimeOffset.UnixEpoch),
            space, sampler, pruner ?? new NopPruner());

    /// <summary>Best Branin value after each trial of a sequential study.</summary>
    public static double[] BraninBestSoFar(ISampler sampler, int seed, int trials)
    {
        var study = NewStudy(sampler, BraninSpace, seed);
        study.Optimize((t, _) => TrialOutcome.Complete(Branin(t.SuggestFloat("x1"), t.SuggestFloat("x2"))), trials);
        double best = double.PositiveInfinity;
        return study.Trials().Select(t => best = Math.Min(best, t.Value!.Value)).ToArray();
    }
}
