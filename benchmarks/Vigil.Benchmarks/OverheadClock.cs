using System.Diagnostics;
using Vigil.Randomness;
using Vigil.Tuning;
using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Benchmarks;

/// <summary>
/// Wall time spent in each part of a study (sampler, pruner, store reads, store writes), so the tuning-overhead
/// benchmark can say where a trial's overhead goes, not only how large it is. Wraps the real parts; adds two
/// <see cref="Stopwatch"/> reads per call.
/// </summary>
internal sealed class OverheadClock
{
    private readonly Dictionary<string, (long Ticks, long Calls)> _parts = new(StringComparer.Ordinal);

    /// <summary>Milliseconds and calls per part, measured since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<(string Part, double Ms, long Calls)> Parts() =>
        _parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Ticks * 1000.0 / Stopwatch.Frequency, p.Value.Calls)).ToArray();

    /// <summary>Forgets what was measured (e.g. after the first trials' JIT warm-up).</summary>
    public void Reset() => _parts.Clear();

    public T Time<T>(string part, Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            long ticks = Stopwatch.GetTimestamp() - start;
            _parts[part] = _parts.TryGetValue(part, out var p) ? (p.Ticks + ticks, p.Calls + 1) : (ticks, 1);
        }
    }

    public void Time(string part, Action work) => Time(part, () => { work(); return 0; });

    public sealed class Store(ITrialStore inner, OverheadClock clock) : ITrialStore
    {
        public StudyRecord? FindStudy(string name) => clock.Time("store.read", () => inner.FindStudy(name));

        public StudyRecord OpenOrCreate(StudyRecord study) => clock.Time("store.write", () => inner.OpenOrCreate(study));

        public IReadOnlyList<StudyRecord> ListStudies() => clock.Time("store.read", inner.ListStudies);

        public TrialRecord? Create(string study, int maxTrials, string worker, DateTimeOffset now) =>
            clock.Time("store.write", () => inner.Create(study, maxTrials, worker, now));

        public void Update(string study, TrialRecord trial) => clock.Time("store.write", () => inner.Update(study, trial));

        public IReadOnlyList<TrialRecord> List(string study) => clock.Time("store.read", () => inner.List(study));
    }

    public sealed class Sampler(ISampler inner, OverheadClock clock) : ISampler
    {
        public string Name => inner.Name;

        public IReadOnlyDictionary<string, double> Sample(SearchSpace space, IReadOnlyList<TrialRecord> history, StudyDirection direction, IRandomSource rng) =>
            clock.Time("sampler", () => inner.Sample(space, history, direction, rng));
    }

    public sealed class Pruner(IPruner inner, OverheadClock clock) : IPruner
    {
        public string Name => inner.Name;

        public bool ShouldPrune(TrialRecord running, IReadOnlyList<TrialRecord> history, StudyDirection direction) =>
            clock.Time("pruner", () => inner.ShouldPrune(running, history, direction));
    }
}
