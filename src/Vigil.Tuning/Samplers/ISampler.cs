using Vigil.Randomness;
using Vigil.Tuning.Space;

namespace Vigil.Tuning.Samplers;

/// <summary>
/// Chooses the next trial's parameters. Stateless: all it knows arrives in <c>history</c> — finished trials as they
/// ended, and pending ones (<see cref="TrialState.Running"/>, parameters sampled, no value yet) — and all its
/// randomness in <c>rng</c>, so that a study can move between processes and machines.
/// </summary>
public interface ISampler
{
    /// <summary>Name as the command line writes it (<c>grid</c>, <c>random</c>, <c>tpe</c>).</summary>
    string Name { get; }

    /// <summary>Internal values of every active parameter of the next trial.</summary>
    IReadOnlyDictionary<string, double> Sample(SearchSpace space, IReadOnlyList<TrialRecord> history, StudyDirection direction, IRandomSource rng);
}
