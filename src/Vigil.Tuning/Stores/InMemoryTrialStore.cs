namespace Vigil.Tuning.Stores;

/// <summary>A store in memory (tests, benchmarks, single-process runs). Thread-safe.</summary>
public sealed class InMemoryTrialStore : ITrialStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, StudyRecord> _studies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TrialRecord>> _trials = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public StudyRecord? FindStudy(string name)
    {
        lock (_lock)
        {
            return _studies.GetValueOrDefault(name);
        }
    }

    /// <inheritdoc />
    public StudyRecord OpenOrCreate(StudyRecord study)
    {
        ArgumentNullException.ThrowIfNull(study);
        lock (_lock)
        {
            if (_studies.TryGetValue(study.Name, out var existing))
            {
                return existing;
            }

            _studies[study.Name] = study;
            _trials[study.Name] = [];
            return study;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StudyRecord> ListStudies()
    {
        lock (_lock)
        {
            return _studies.Values.ToArray();
        }
    }

    /// <inheritdoc />
    public TrialRecord? Create(string study, int maxTrials, string worker, DateTimeOffset now)
    {
        lock (_lock)
        {
            var trials = Trials(study);
            if (trials.Count(t => t.State != TrialState.Failed) >= maxTrials)
            {
                return null;
            }

            var trial = new TrialRecord(trials.Count, TrialState.Running, new Dictionary<string, double>(), null, [], now, null, now, worker);
            trials.Add(trial);
            return trial;
        }
    }

    /// <inheritdoc />
    public void Update(string study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        lock (_lock)
        {
            var trials = Trials(study);
            if (trials[trial.Number].IsFinished)
            {
                throw new InvalidOperationException($"Trial {trial.Number} of study '{study}' has already finished ({trials[trial.Number].State}).");
            }

            trials[trial.Number] = trial;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> List(string study)
    {
        lock (_lock)
        {
            return Trials(study).ToArray();
        }
    }

    private List<TrialRecord> Trials(string study) =>
        _trials.TryGetValue(study, out var list) ? list : throw new KeyNotFoundException($"No study named '{study}'.");
}
