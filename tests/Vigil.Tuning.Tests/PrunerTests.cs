using Vigil.Tuning.Pruners;

namespace Vigil.Tuning.Tests;

public sealed class PrunerTests
{
    private static TrialRecord Trial(int number, TrialState state, params double[] intermediates) =>
        new(number, state, new Dictionary<string, double> { ["x"] = number }, state == TrialState.Complete ? intermediates[^1] : null, intermediates,
            DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, "w");

    [Fact]
    public void MedianPrunesBelowTheMedianOfCompleteTrialsAtTheSameStepOnly()
    {
        var history = Enumerable.Range(0, 5).Select(k => Trial(k, TrialState.Complete, 10 + k, 20 + k)).ToArray();   // step 0 median 12
        var pruner = new MedianPruner(startupTrials: 5);
        Assert.True(pruner.ShouldPrune(Trial(9, TrialState.Running, 11.5), history, StudyDirection.Maximize));
        Assert.False(pruner.ShouldPrune(Trial(9, TrialState.Running, 12.5), history, StudyDirection.Maximize));
        Assert.False(pruner.ShouldPrune(Trial(9, TrialState.Running, 11.5), history, StudyDirection.Minimize));
        Assert.True(pruner.ShouldPrune(Trial(9, TrialState.Running, 12.5), history, StudyDirection.Minimize));
        // step 1 compares with step-1 values (median 22), not step 0's
        Assert.True(pruner.ShouldPrune(Trial(9, TrialState.Running, 99, 21), history, StudyDirection.Maximize));
    }

    [Fact]
    public void MedianWaitsForStartupTrialsAndWarmupSteps()
    {
        var four = Enumerable.Range(0, 4).Select(k => Trial(k, TrialState.Complete, 10.0 + k)).ToArray();
        Assert.False(new MedianPruner(startupTrials: 5).ShouldPrune(Trial(9, TrialState.Running, -100), four, StudyDirection.Maximize));
        var five = Enumerable.Range(0, 5).Select(k => Trial(k, TrialState.Complete, 10.0 + k, 10.0 + k)).ToArray();
        Assert.False(new MedianPruner(startupTrials: 5, warmupSteps: 1).ShouldPrune(Trial(9, TrialState.Running, -100), five, StudyDirection.Maximize));
        Assert.True(new MedianPruner(startupTrials: 5, warmupSteps: 1).ShouldPrune(Trial(9, TrialState.Running, -100, -100), five, StudyDirection.Maximize));
    }

    [Fact]
    public void SuccessiveHalvingKeepsTheTopThirdAtRungsOnly()
    {
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3);
        // Rungs at steps 0, 2, 8. Five peers reached step 0 with values 1..5 (maximising).
        var history = Enumerable.Range(1, 5).Select(k => Trial(k, TrialState.Complete, k, k, k)).ToArray();
        // With the running trial there are 6 values at rung 0: the top 6/3 = 2 go on (5 and the runner if above 4).
        Assert.False(pruner.ShouldPrune(Trial(9, TrialState.Running, 4.5), history, StudyDirection.Maximize));
        Assert.True(pruner.ShouldPrune(Trial(9, TrialState.Running, 3.5), history, StudyDirection.Maximize));
        // Step 1 is not a rung: never pruned there.
        Assert.False(pruner.ShouldPrune(Trial(9, TrialState.Running, 4.5, -100), history, StudyDirection.Maximize));
        // The first trial to reach a rung is always promoted.
        Assert.False(pruner.ShouldPrune(Trial(9, TrialState.Running, -100), [], StudyDirection.Maximize));
    }

    [Fact]
    public void AStudyWithAMedianPrunerStopsBadTrialsEarly()
    {
        var space = new Vigil.Tuning.Space.SearchSpace([new Vigil.Tuning.Space.FloatDistribution("x", 0, 1)]);
        var study = TestFunctions.NewStudy(new Vigil.Tuning.Samplers.RandomSampler(), space, seed: 3, pruner: new MedianPruner(startupTrials: 5), direction: StudyDirection.Maximize);
        int stepsRun = 0;
        study.Optimize((t, _) =>
        {
            double x = t.SuggestFloat("x");
            for (int step = 0; step < 4; step++)
            {
                Interlocked.Increment(ref stepsRun);
                t.Report(x * (step + 1));
                if (step < 3 && t.ShouldPrune())
                {
                    return TrialOutcome.Pruned;
                }
            }

            return TrialOutcome.Complete(x * 4);
        }, 40);
        var trials = study.Trials();
        var pruned = trials.Where(t => t.State == TrialState.Pruned).ToArray();
        Assert.NotEmpty(pruned);
        Assert.True(stepsRun < 40 * 4);
        // Every pruned trial was below the median of earlier complete trials at its last step.
        foreach (var p in pruned)
        {
            int step = p.Intermediates.Count - 1;
            var earlier = trials.Where(t => t.Number < p.Number && t.State == TrialState.Complete).Select(t => t.Intermediates[step]).Order().ToArray();
            Assert.True(earlier.Length >= 5);
            Assert.True(p.Intermediates[step] < earlier[earlier.Length / 2] + 1e-12 || p.Intermediates[step] < earlier[(earlier.Length - 1) / 2]);
        }
    }
}
