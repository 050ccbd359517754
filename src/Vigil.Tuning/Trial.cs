using System.Text.Json.Nodes;
using Vigil.Tuning.Space;

namespace Vigil.Tuning;

/// <summary>
/// The live handle of a running trial: its parameters, and the way back to the study for intermediate values and the
/// pruning decision. Obtained from <see cref="Study.Ask"/>, ended by <see cref="Study.Tell"/>.
/// </summary>
public sealed class Trial : IRunningTrial
{
    private readonly Study _study;
    private readonly Lock _lock = new();
    private TrialRecord _record;

    internal Trial(Study study, TrialRecord record)
    {
        _study = study;
        _record = record;
    }

    /// <summary>The trial's number.</summary>
    public int Number => _record.Number;

    /// <summary>Internal parameter values.</summary>
    public IReadOnlyDictionary<string, double> Parameters => _record.Parameters;

    /// <summary>The latest snapshot.</summary>
    public TrialRecord Record
    {
        get
        {
            lock (_lock)
            {
                return _record;
            }
        }
    }

    /// <summary>The parameters as detector options (JSON object of option key to value).</summary>
    public JsonObject Options => _study.Space.ToOptions(Parameters);

    /// <summary>An integer parameter's value.</summary>
    public long SuggestInt(string name) => (long)Value(name);

    /// <summary>A float parameter's value.</summary>
    public double SuggestFloat(string name) => Value(name);

    /// <summary>A categorical parameter's chosen value, as text.</summary>
    public string SuggestCategorical(string name) => _study.Space.Find(name)!.Format(Value(name));

    /// <summary>Records the intermediate value of the next step (0, 1, ...) in the store.</summary>
    public void Report(double value)
    {
        lock (_lock)
        {
            _record = _record with { Intermediates = [.. _record.Intermediates, value], Heartbeat = _study.Now() };
            _study.Store.Update(_study.Name, _record);
        }
    }

    /// <summary>Whether the study's pruner stops this trial after its last report.</summary>
    public bool ShouldPrune() => _study.ShouldPrune(Record);

    internal void Beat()
    {
        lock (_lock)
        {
            if (_record.IsFinished)
            {
                return;
            }

            _record = _record with { Heartbeat = _study.Now() };
            _study.Store.Update(_study.Name, _record);
        }
    }

    internal TrialRecord Finish(TrialOutcome outcome)
    {
        lock (_lock)
        {
            var now = _study.Now();
            _record = _record with { State = outcome.State, Value = outcome.Value, Message = outcome.Message, Finished = now, Heartbeat = now };
            _study.Store.Update(_study.Name, _record);
            return _record;
        }
    }

    private double Value(string name) =>
        Parameters.TryGetValue(name, out double v) ? v : throw new KeyNotFoundException($"Trial {Number} has no parameter '{name}' (unknown or inactive).");
}
