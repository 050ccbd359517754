using System.Text.Json.Nodes;
using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Tuning.Tests;

/// <summary>What a study that lives elsewhere (a study grain) needs: a space that travels as JSON, asks that never wait, trials imported into another store.</summary>
public sealed class StudyImportAndTryAskTests
{
    private static readonly SearchSpace Space = new(
    [
        new CategoricalDistribution("kind", [JsonValue.Create("a"), JsonValue.Create(true), JsonValue.Create(2.5)]),
        new IntDistribution("depth", 1, 64, Log: true) { Condition = new ParameterCondition("kind", ["a"]) },
        new IntDistribution("width", 2, 20, Step: 2),
        new FloatDistribution("rate", 1e-4, 1e-1, Log: true),
        new FloatDistribution("drop", 0, 0.5, Step: 0.1),
    ]);

    private static StudyRecord Settings(string name, int window) =>
        new(name, "d", "loss", StudyDirection.Minimize, Space.Describe(), "tpe", "none", 3, window, "data", DateTimeOffset.UnixEpoch);

    private static Study NewStudy(string name = "s", int window = 2) => new(new InMemoryTrialStore(), Settings(name, window), Space, new TpeSampler(), new NopPruner());

    private static double Objective(IReadOnlyDictionary<string, double> p) => Math.Abs(Math.Log10(p["rate"]) + 2) + p["drop"] + (p["width"] / 10.0);

    [Fact]
    public void ASearchSpaceSurvivesItsJsonFormExactly()
    {
        var back = SearchSpaceJson.Read(SearchSpaceJson.Write(Space));
        Assert.Equal(Space.Describe(), back.Describe());
        Assert.Equal(Space.Parameters.Count, back.Parameters.Count);
        for (int i = 0; i < Space.Parameters.Count; i++)
        {
            Assert.Equal(Space.Parameters[i].GetType(), back.Parameters[i].GetType());
            Assert.Equal(Space.Parameters[i].Condition?.Parent, back.Parameters[i].Condition?.Parent);
            Assert.Equal(Space.Parameters[i].Condition?.Choices, back.Parameters[i].Condition?.Choices);
        }

        var chosen = new Dictionary<string, double> { ["kind"] = 0, ["depth"] = 16, ["width"] = 6, ["rate"] = 0.003, ["drop"] = 0.2 };
        Assert.Equal(Space.ToOptions(chosen).ToJsonString(), back.ToOptions(chosen).ToJsonString());
        Assert.Throws<SearchSpaceException>(() => SearchSpaceJson.Read("{\"not\": \"an array\"}"));
    }

    [Fact]
    public void TryAskNowGivesTheTrialsOfABlockingAskAndSaysWaitInsteadOfWaiting()
    {
        var local = NewStudy();
        local.Optimize((t, _) => TrialOutcome.Complete(Objective(t.Parameters)), 12);

        var grain = NewStudy();
        var running = new Queue<TrialRecord>();
        int waits = 0;
        bool full = false;
        while (true)
        {
            // Keep three trials running: with W = 2 the fourth must wait for the oldest to finish.
            var next = running.Count < 3 ? grain.TryAskNow(12, out full) : null;
            if (next is not null)
            {
                running.Enqueue(next);
                continue;
            }

            if (running.Count == 0)
            {
                Assert.True(full);
                break;
            }

            if (running.Count < 3)
            {
                waits++;   // the rule said wait: the history trial k needs is not there yet
            }

            var oldest = running.Dequeue();
            grain.Store.Update(grain.Name, oldest with { State = TrialState.Complete, Value = Objective(oldest.Parameters), Finished = oldest.Started });
        }

        Assert.True(waits > 0);
        Assert.Null(grain.TryAskNow(12, out bool done));
        Assert.True(done);
        Assert.Equal(local.Trials().Select(t => t.Parameters.OrderBy(p => p.Key).ToArray()), grain.Trials().Select(t => t.Parameters.OrderBy(p => p.Key).ToArray()));
    }

    [Fact]
    public void ImportAddsTrialsRunElsewhereOnceAndRefusesOtherParametersUnderANumber()
    {
        var remote = NewStudy();
        remote.Optimize((t, _) => TrialOutcome.Complete(Objective(t.Parameters)), 6);
        var local = NewStudy();

        Assert.Equal(4, local.Import(remote.Trials().Take(4)));
        Assert.Equal(2, local.Import(remote.Trials()));   // the first four are already there: skipped
        Assert.Equal(0, local.Import(remote.Trials()));
        Assert.Equal(remote.Trials(), local.Trials(), (a, b) => a.Number == b.Number && a.Value == b.Value && a.State == b.State && a.Parameters.Count == b.Parameters.Count && a.Parameters.All(p => b.Parameters[p.Key] == p.Value));

        var two = remote.Trials()[2];
        var mismatch = two with { Parameters = new Dictionary<string, double>(two.Parameters) { ["drop"] = two.Parameters["drop"] == 0 ? 0.1 : 0 } };
        Assert.Throws<StudyMismatchException>(() => local.Import([mismatch]));
        Assert.Throws<StudyMismatchException>(() => NewStudy().Import(remote.Trials().Skip(1)));   // a gap before trial 1
    }
}
