using System.Text.Json;
using Vigil.Detection;

namespace Vigil.Detectors.Ensemble;

/// <summary>
/// Runs several streaming detectors from the registry side by side on the same rows and combines their scores
/// causally: each row's score depends only on the members' scores of that row and, with a peak window, on the
/// combined scores of earlier rows.
/// </summary>
/// <remarks>
/// Members are created from the built-in registry (or the one given), each with its own options; the harness
/// context is passed on to the members that take one. The combined score is in [0, 1]. Not thread-safe.
/// </remarks>
public sealed class EnsembleDetector : DetectorBase<EnsembleOptions>, IStreamingDetector, ISeriesContextAware, Vigil.Persistence.IPersistable
{
    /// <summary>Version of the state layout <see cref="WriteState"/> writes.</summary>
    public const int StateVersion = 1;

    private const uint StateMagic = 0x534E4556; // "VENS"

    private static readonly Lazy<DetectorRegistry> BuiltIn = new(() => new DetectorRegistry().AddBuiltInDetectors());

    private readonly DetectorRegistry _registry;
    private readonly IReadOnlyList<EnsembleMember> _members;
    private readonly double[] _weights;
    private readonly double[] _scores;
    private IStreamingDetector[] _detectors;
    private double[] _recent;
    private int _recentCount;
    private int _recentNext;

    /// <summary>Creates the ensemble and its members from the built-in registry.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options, or a member's options, are invalid.</exception>
    /// <exception cref="ArgumentException">A member is not registered or is not a streaming detector.</exception>
    public EnsembleDetector(EnsembleOptions options)
        : this(options, BuiltIn.Value)
    {
    }

    /// <summary>Creates the ensemble with members from <paramref name="registry"/>.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options, or a member's options, are invalid.</exception>
    /// <exception cref="ArgumentException">A member is not registered or is not a streaming detector.</exception>
    public EnsembleDetector(EnsembleOptions options, DetectorRegistry registry)
        : base(options, Descriptor)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _members = options.ParsedMembers();
        _weights = options.ParsedWeights();
        _scores = new double[_members.Count];
        _detectors = CreateMembers();
        _recent = new double[Math.Max(1, options.PeakWindow)];
    }

    /// <summary>Registry entry: <c>ensemble</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "ensemble",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(EnsembleOptions),
        StateVersion: StateVersion,
        Create: options => new EnsembleDetector((EnsembleOptions)options),
        Restore: (options, reader, version) => Restore((EnsembleOptions)options, reader, version),
        Summary: "Runs streaming detectors side by side and combines their weighted scores (max, noisy-or or mean), causally.");

    /// <summary>The member detectors, in the order of <see cref="EnsembleOptions.Members"/>.</summary>
    public IReadOnlyList<IStreamingDetector> MemberDetectors => _detectors;

    /// <summary>The members' scores of the last step (clamped to [0, 1], before weighting).</summary>
    public ReadOnlySpan<double> LastMemberScores => _scores;

    /// <summary>Passes the harness context to every member that takes one.</summary>
    public void Prepare(SeriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var detector in _detectors)
        {
            (detector as ISeriesContextAware)?.Prepare(context);
        }
    }

    /// <summary>Steps every member on <paramref name="x"/> and returns the combined score.</summary>
    public double Step(in Observation x, bool learn = true)
    {
        for (int i = 0; i < _detectors.Length; i++)
        {
            double s = _detectors[i].Step(x, learn);
            _scores[i] = double.IsNaN(s) ? 0.0 : Math.Clamp(s, 0.0, 1.0);
        }

        double combined = Combine(Options.Rule, _scores, _weights);
        if (Options.PeakWindow <= 0)
        {
            return combined;
        }

        double previousMax = double.NegativeInfinity;
        for (int i = 0; i < _recentCount; i++)
        {
            previousMax = Math.Max(previousMax, _recent[i]);
        }

        _recent[_recentNext] = combined;
        _recentNext = (_recentNext + 1) % _recent.Length;
        _recentCount = Math.Min(_recentCount + 1, _recent.Length);
        return combined > previousMax ? combined : 0.0;
    }

    /// <summary>Combines weighted member scores (each in [0, 1]) by <paramref name="rule"/>; the result is in [0, 1].</summary>
    public static double Combine(EnsembleRule rule, ReadOnlySpan<double> scores, ReadOnlySpan<double> weights)
    {
        double result;
        switch (rule)
        {
            case EnsembleRule.Max:
                result = 0.0;
                for (int i = 0; i < scores.Length; i++)
                {
                    result = Math.Max(result, weights[i] * scores[i]);
                }

                break;
            case EnsembleRule.NoisyOr:
                double none = 1.0;
                for (int i = 0; i < scores.Length; i++)
                {
                    none *= 1.0 - Math.Min(1.0, weights[i] * scores[i]);
                }

                result = 1.0 - none;
                break;
            default:
                double sum = 0.0;
                double total = 0.0;
                for (int i = 0; i < scores.Length; i++)
                {
                    sum += weights[i] * scores[i];
                    total += weights[i];
                }

                result = sum / total;
                break;
        }

        return Math.Clamp(result, 0.0, 1.0);
    }

    /// <summary>Resets every member and the peak window.</summary>
    public void Reset()
    {
        foreach (var detector in _detectors)
        {
            detector.Reset();
        }

        _recentCount = 0;
        _recentNext = 0;
    }

    /// <summary>
    /// Writes the ensemble's state (versioned, <see cref="StateVersion"/>): the peak window and, per member, its state
    /// version and the state it writes (<see cref="Vigil.Persistence.IPersistable"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">A member cannot save its state.</exception>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateMagic);
        writer.Write(StateVersion);
        writer.Write(_recentCount);
        writer.Write(_recentNext);
        writer.Write(_recent.Length);
        foreach (double r in _recent)
        {
            writer.Write(r);
        }

        writer.Write(_detectors.Length);
        foreach (var detector in _detectors)
        {
            var savable = detector as Vigil.Persistence.IPersistable
                ?? throw new NotSupportedException($"Ensemble member '{detector.Descriptor.Name}' cannot save its state.");
            writer.Write(detector.Descriptor.StateVersion);
            savable.WriteState(writer);
        }
    }

    /// <summary>Restores an ensemble from state written by <see cref="WriteState"/> with the same options.</summary>
    /// <exception cref="InvalidDataException">The state is not an ensemble state, is corrupt, or its version is newer than this code.</exception>
    public static EnsembleDetector Restore(EnsembleOptions options, BinaryReader reader, int storedVersion)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (storedVersion > StateVersion)
        {
            throw new InvalidDataException($"ensemble state version {storedVersion} is newer than this build supports ({StateVersion}); upgrade Vigil to load it.");
        }

        var ensemble = new EnsembleDetector(options);
        if (reader.ReadUInt32() != StateMagic || reader.ReadInt32() != StateVersion)
        {
            throw new InvalidDataException("Not an ensemble state of this version.");
        }

        ensemble._recentCount = reader.ReadInt32();
        ensemble._recentNext = reader.ReadInt32();
        int length = reader.ReadInt32();
        if (length != ensemble._recent.Length || ensemble._recentCount < 0 || ensemble._recentCount > length || ensemble._recentNext < 0 || ensemble._recentNext >= length)
        {
            throw new InvalidDataException("Ensemble peak-window state does not match the options.");
        }

        for (int i = 0; i < length; i++)
        {
            ensemble._recent[i] = reader.ReadDouble();
        }

        int count = reader.ReadInt32();
        if (count != ensemble._detectors.Length)
        {
            throw new InvalidDataException($"Ensemble state has {count} members; the options name {ensemble._detectors.Length}.");
        }

        for (int i = 0; i < count; i++)
        {
            var descriptor = ensemble._detectors[i].Descriptor;
            int version = reader.ReadInt32();
            var restore = descriptor.Restore ?? throw new InvalidDataException($"Ensemble member '{descriptor.Name}' cannot be restored.");
            ensemble._detectors[i] = (IStreamingDetector)restore(ensemble._detectors[i].Options, reader, version);
        }

        return ensemble;
    }

    private IStreamingDetector[] CreateMembers()
    {
        var detectors = new IStreamingDetector[_members.Count];
        for (int i = 0; i < _members.Count; i++)
        {
            var member = _members[i];
            if (!_registry.Contains(member.Name))
            {
                throw new ArgumentException($"Ensemble member '{member.Name}' is not a registered detector.", nameof(Options));
            }

            if (member.Name == Descriptor.Name)
            {
                throw new ArgumentException("An ensemble cannot contain an ensemble.", nameof(Options));
            }

            JsonElement? json = null;
            if (member.OptionsJson is not null)
            {
                using var document = JsonDocument.Parse(member.OptionsJson);
                json = document.RootElement.Clone();
            }

            detectors[i] = _registry.Create(member.Name, json) as IStreamingDetector
                ?? throw new ArgumentException($"Ensemble member '{member.Name}' is not a streaming detector.", nameof(Options));
        }

        return detectors;
    }
}
