using Orleans;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.TestingHost;
using Vigil.Orleans.Contracts.Tuning;
using Vigil.Orleans.Tuning;
using Vigil.Tuning;
using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Orleans.Tests.Tuning;

/// <summary>The study grain on an in-process cluster: the same trials and pruning decisions as a local study, idempotent tells, re-issue of a lost trial, state kept across deactivation.</summary>
[Trait("Category", "Integration")]
public sealed class StudyGrainTests
{
    private static readonly SearchSpace Space = new([new FloatDistribution("x", -5, 5), new IntDistribution("n", 1, 10)]);

    /// <summary>A two-step objective (one intermediate value per step) with its minimum near x = 1.5, n = 3.</summary>
    private static double[] Steps(IReadOnlyDictionary<string, double> p)
    {
        double f = Math.Pow(p["x"] - 1.5, 2) + Math.Abs(p["n"] - 3);
        return [f * 1.5, f];
    }

    private static StudyRecord Settings(string name, string pruner) =>
        new(name, "test-objective", "loss", StudyDirection.Minimize, Space.Describe(), "tpe", pruner, 11, 2, "synthetic", DateTimeOffset.UnixEpoch);

    private static StudySpecDto Spec(string name, string pruner, int trials) => TrialMapping.ToSpec(Settings(name, pruner), SearchSpaceJson.Write(Space), trials);

    /// <summary>The same study run locally, one worker.</summary>
    private static IReadOnlyList<TrialRecord> Local(string pruner, int trials)
    {
        var study = new Study(new InMemoryTrialStore(), Settings("local", pruner), Space, Samplers.Create("tpe"), Pruners.Create(pruner));
        study.Optimize((trial, _) =>
        {
            var steps = Steps(trial.Parameters);
            for (int i = 0; i < steps.Length; i++)
            {
                trial.Report(steps[i]);
                if (i < steps.Length - 1 && trial.ShouldPrune())
                {
                    return TrialOutcome.Pruned;
                }
            }

            return TrialOutcome.Complete(steps[^1]);
        }, trials);
        return study.Trials();
    }

    /// <summary>Runs one leased trial through the grain as a worker would; returns the tell's answer.</summary>
    private static async Task<bool> RunAsync(IStudyGrain grain, TrialTicketDto ticket)
    {
        var p = Parameters(ticket);
        var steps = Steps(p);
        for (int i = 0; i < steps.Length; i++)
        {
            var decision = await grain.ReportAsync(ticket.Number, ticket.Lease, i, steps[i]);
            Assert.NotEqual(TrialDecision.LeaseLost, decision);
            if (i < steps.Length - 1 && decision == TrialDecision.Prune)
            {
                return await grain.TellAsync(ticket.Number, ticket.Lease, new TrialOutcomeDto("Pruned", null, null, steps[..(i + 1)]));
            }
        }

        return await grain.TellAsync(ticket.Number, ticket.Lease, new TrialOutcomeDto("Complete", steps[^1], null, steps));
    }

    private static Dictionary<string, double> Parameters(TrialTicketDto ticket)
    {
        var options = System.Text.Json.Nodes.JsonNode.Parse(ticket.OptionsJson)!.AsObject();
        return new Dictionary<string, double> { ["x"] = (double)options["x"]!, ["n"] = (long)options["n"]! };
    }

    private static void AssertSameTrials(IReadOnlyList<TrialRecord> expected, IReadOnlyList<TrialDto> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.Equal(k, actual[k].Number);
            Assert.Equal(expected[k].Parameters.OrderBy(p => p.Key), actual[k].Parameters.OrderBy(p => p.Key));
            Assert.Equal(expected[k].State.ToString(), actual[k].State);
            Assert.Equal(expected[k].Value, actual[k].Value);
            Assert.Equal(expected[k].Intermediates, actual[k].Intermediates);
        }
    }

    private static async Task<int> StudyActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(nameof(StudyGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);

    [Fact]
    public async Task AskAndTellGiveTheTrialsAndPruningOfTheSameStudyRunLocally()
    {
        var cluster = await VigilTestCluster.StartAsync(2);
        try
        {
            const int Trials = 16;
            var grain = cluster.Client.GetGrain<IStudyGrain>("ask-tell");
            Assert.Null(await grain.OpenAsync(Spec("ask-tell", "median", Trials)));
            while (true)
            {
                var ticket = await grain.AskAsync("worker-a", "worker-a");
                if (ticket.Kind == TicketKind.Finished)
                {
                    break;
                }

                Assert.Equal(TicketKind.Run, ticket.Kind);   // one worker that tells before it asks never waits
                Assert.True(await RunAsync(grain, ticket));
            }

            var snapshot = await grain.GetSnapshotAsync();
            Assert.True(snapshot.Finished);
            var local = Local("median", Trials);
            AssertSameTrials(local, snapshot.Trials);
            Assert.Contains(local, t => t.State == TrialState.Pruned);   // the pruner had something to decide
            Assert.Contains(local, t => t.State == TrialState.Complete);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ARetriedReportOfAStepIsRecordedOnce()
    {
        var cluster = await VigilTestCluster.StartAsync(1);
        try
        {
            var grain = cluster.Client.GetGrain<IStudyGrain>("retried-report");
            Assert.Null(await grain.OpenAsync(Spec("retried-report", "none", 2)));
            var ticket = await grain.AskAsync("worker-a", "worker-a");
            Assert.Equal(TrialDecision.Continue, await grain.ReportAsync(ticket.Number, ticket.Lease, 0, 2.5));
            Assert.Equal(TrialDecision.Continue, await grain.ReportAsync(ticket.Number, ticket.Lease, 0, 2.5));   // the retry
            Assert.Equal(TrialDecision.Continue, await grain.ReportAsync(ticket.Number, ticket.Lease, 1, 4.0));
            await Assert.ThrowsAnyAsync<Exception>(() => grain.ReportAsync(ticket.Number, ticket.Lease, 3, 5.0));   // a gap
            Assert.True(await grain.TellAsync(ticket.Number, ticket.Lease, new TrialOutcomeDto("Complete", 4.0, null, [2.5, 4.0])));

            var only = Assert.Single((await grain.GetSnapshotAsync()).Trials);
            Assert.Equal([2.5, 4.0], only.Intermediates);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASecondTellOfAFinishedTrialIsIgnored()
    {
        var cluster = await VigilTestCluster.StartAsync(1);
        try
        {
            var grain = cluster.Client.GetGrain<IStudyGrain>("idempotent");
            Assert.Null(await grain.OpenAsync(Spec("idempotent", "none", 3)));
            var ticket = await grain.AskAsync("worker-a", "worker-a");
            Assert.True(await grain.TellAsync(ticket.Number, ticket.Lease, new TrialOutcomeDto("Complete", 1.25, null, [1.25])));
            Assert.False(await grain.TellAsync(ticket.Number, ticket.Lease, new TrialOutcomeDto("Complete", 9.0, null, [9.0])));
            Assert.False(await grain.TellAsync(ticket.Number, "another-lease", new TrialOutcomeDto("Failed", null, "late", [])));
            Assert.Equal(TrialDecision.LeaseLost, await grain.ReportAsync(ticket.Number, ticket.Lease, 1, 3.0));

            var trials = (await grain.GetSnapshotAsync()).Trials;
            var only = Assert.Single(trials);
            Assert.Equal(("Complete", 1.25), (only.State, only.Value));
            Assert.Equal([1.25], only.Intermediates);

            // A study of that name with other settings is refused, with the difference named.
            string? mismatch = await grain.OpenAsync(Spec("idempotent", "median", 3));
            Assert.NotNull(mismatch);
            Assert.Contains("pruner", mismatch, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ATrialWhoseLeaseRunsOutIsHandedOutAgainWithTheSameNumberAndParametersAndCountedOnce()
    {
        var cluster = await VigilTestCluster.StartAsync(1);   // leases last 3 s in the test cluster
        try
        {
            var grain = cluster.Client.GetGrain<IStudyGrain>("reissue");
            Assert.Null(await grain.OpenAsync(Spec("reissue", "none", 2)));
            var lost = await grain.AskAsync("worker-gone", "worker-gone");
            Assert.Equal(TrialDecision.Continue, await grain.ReportAsync(lost.Number, lost.Lease, 0, 7.0));
            var other = await grain.AskAsync("worker-b", "worker-b");
            Assert.Equal(1, other.Number);
            Assert.True(await RunAsync(grain, other));
            Assert.Equal(TicketKind.Wait, (await grain.AskAsync("worker-b", "worker-b")).Kind);   // trial 0 still held

            await Task.Delay(TimeSpan.FromSeconds(4));
            var again = await grain.AskAsync("worker-b", "worker-b");
            Assert.Equal(TicketKind.Run, again.Kind);
            Assert.Equal(lost.Number, again.Number);
            Assert.Equal(lost.OptionsJson, again.OptionsJson);
            Assert.NotEqual(lost.Lease, again.Lease);
            Assert.Equal(TrialDecision.LeaseLost, await grain.ReportAsync(lost.Number, lost.Lease, 1, 7.0));
            Assert.True(await RunAsync(grain, again));
            Assert.False(await grain.TellAsync(lost.Number, lost.Lease, new TrialOutcomeDto("Complete", 99.0, null, [99.0])));   // the first worker comes back late

            var snapshot = await grain.GetSnapshotAsync();
            Assert.True(snapshot.Finished);
            Assert.Equal(1, snapshot.Reissued);
            Assert.Equal([0, 1], snapshot.Trials.Select(t => t.Number));
            Assert.Equal(Steps(Parameters(again))[^1], snapshot.Trials[0].Value);
            Assert.Equal(Steps(Parameters(again)), snapshot.Trials[0].Intermediates);   // the lost attempt's value is gone
            Assert.Equal(TicketKind.Finished, (await grain.AskAsync("worker-b", "worker-b")).Kind);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task ATrialOfASiloThatDiesIsHandedOutAgainOnceMembershipDeclaresItDead()
    {
        var cluster = await VigilTestCluster.StartAsync(2);
        try
        {
            var grain = cluster.Client.GetGrain<IStudyGrain>("dead-silo");
            Assert.Null(await grain.OpenAsync(Spec("dead-silo", "none", 2)));   // the grain and its stored state live on the first two silos
            var doomed = await cluster.StartAdditionalSiloAsync();
            await cluster.WaitForLivenessToStabilizeAsync();
            var lost = await grain.AskAsync(doomed.SiloAddress.ToParsableString(), "worker-on-doomed");
            Assert.Equal(TicketKind.Run, lost.Kind);
            await cluster.KillSiloAsync(doomed);

            // The lease (3 s here) is renewed meanwhile, as a live worker would, so only membership can free the trial.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TrialTicketDto again;
            while (true)
            {
                _ = await grain.RenewAsync(lost.Number, lost.Lease);
                again = await grain.AskAsync("worker-b", "worker-b");
                if (again.Number == lost.Number || clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    break;
                }

                if (again.Kind == TicketKind.Run)
                {
                    Assert.True(await RunAsync(grain, again));   // trial 1 meanwhile
                }

                await Task.Delay(500);
            }

            Assert.Equal(lost.Number, again.Number);
            Assert.Equal(lost.OptionsJson, again.OptionsJson);
            Assert.True(await RunAsync(grain, again));
            while ((await grain.AskAsync("worker-b", "worker-b")) is { Kind: TicketKind.Run } ticket)
            {
                Assert.True(await RunAsync(grain, ticket));
            }

            var snapshot = await grain.GetSnapshotAsync();
            Assert.True(snapshot.Finished);
            Assert.Equal(1, snapshot.Reissued);
            Assert.Equal([0, 1], snapshot.Trials.Select(t => t.Number));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheStudyIsKeptAcrossDeactivationAndGoesOnAsTheLocalStudy()
    {
        var cluster = await VigilTestCluster.StartAsync(1);
        try
        {
            const int Trials = 10;
            var grain = cluster.Client.GetGrain<IStudyGrain>("persisted");
            Assert.Null(await grain.OpenAsync(Spec("persisted", "none", Trials)));
            for (int i = 0; i < 5; i++)
            {
                Assert.True(await RunAsync(grain, await grain.AskAsync("worker-a", "worker-a")));
            }

            var held = await grain.AskAsync("worker-a", "worker-a");   // running across the deactivation
            var before = (await grain.GetSnapshotAsync()).Trials;
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            for (int wait = 0; wait < 100 && await StudyActivationsAsync(management) > 0; wait++)
            {
                await Task.Delay(50);
            }

            Assert.Equal(0, await StudyActivationsAsync(management));

            // Reactivated from storage: the same trials, the held trial's lease still good, and the study goes on.
            var after = (await grain.GetSnapshotAsync()).Trials;
            Assert.Equal(before.Select(t => (t.Number, t.State, t.Value)), after.Select(t => (t.Number, t.State, t.Value)));
            Assert.True(await RunAsync(grain, held));
            while ((await grain.AskAsync("worker-a", "worker-a")) is { Kind: TicketKind.Run } ticket)
            {
                Assert.True(await RunAsync(grain, ticket));
            }

            AssertSameTrials(Local("none", Trials), (await grain.GetSnapshotAsync()).Trials);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
