using System.Diagnostics;
using TorchSharp;
using Vigil.Detection;
using static TorchSharp.torch;

namespace Vigil.Detectors.Torch.LstmAutoencoder;

/// <summary>
/// An LSTM autoencoder: it learns to reconstruct windows of <see cref="LstmAutoencoderOptions.Window"/> normal
/// values, and scores a point by the mean squared reconstruction error of the window ending at it.
/// </summary>
/// <remarks>
/// <para>
/// Training values are z-normalised with their own mean and population standard deviation (kept as state and
/// applied unchanged when scoring). Windows (stride 1) go through encoder LSTM → code → decoder LSTM (fed the code
/// at every step) → linear head (<see cref="AutoencoderNetwork"/>), trained with Adam on the mean squared error,
/// reshuffled each epoch, with optional gradient clipping and early stopping on a time-ordered validation split
/// (the last windows of the training data). Malhotra et al., "LSTM-based Encoder-Decoder for Multi-sensor Anomaly
/// Detection" (2016).
/// </para>
/// <para>
/// The first <c>window - 1</c> scores are warm-up (0). Scores are raw and unbounded (higher = more anomalous); turn
/// them into alarms with a thresholder from <c>Vigil.Thresholds</c>, e.g. the 99th percentile of training errors.
/// </para>
/// <para>
/// Causal fine-tuning (<see cref="FineTune"/>, driven by <see cref="LstmAutoencoderOptions.FineTuneEvery"/> under
/// <see cref="BatchAsStreaming"/> or <see cref="CausalBatchScorer"/>) continues training the current weights on
/// recent rows with the first fit's normalisation, so the model follows drift without forgetting the past.
/// </para>
/// <para>
/// Deterministic on CPU for a seed: <see cref="Fit"/> and <see cref="FineTune"/> seed libtorch's global generator
/// (a fine-tune with a seed derived from the options' seed and <see cref="FineTuneCount"/>) and hold a process-wide
/// lock while training, so concurrent fits run one after another. <see cref="ScoreSamples"/> is thread-safe once
/// fitted, but not concurrently with <see cref="Fit"/> or <see cref="FineTune"/> on the same instance.
/// </para>
/// </remarks>
public sealed class LstmAutoencoderDetector : DetectorBase<LstmAutoencoderOptions>, IFineTunableDetector, IReportsTrainingProgress, IDisposable, Vigil.Persistence.IPersistable, Vigil.Persistence.IExportableModel, INormalizingDetector
{
    private const int StateMagic = 0x4C534145; // "LSAE"
    private const int InferenceBatch = 1024;
    /// <summary>
    /// Held while this process trains (or seeds) any network: training seeds libtorch's global generator, and
    /// TorchSharp's training steps are not safe on concurrent threads (data-parallel replicas in one process take it too).
    /// </summary>
    internal static readonly object TrainingLock = new();

    private AutoencoderNetwork _network;
    private AutoencoderNetwork? _scorer;
    private double _mean;
    private double _scale = 1.0;

    /// <summary>Creates an unfitted detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public LstmAutoencoderDetector(LstmAutoencoderOptions options)
        : base(options, Descriptor)
    {
        _network = CreateNetwork(options);
    }

    /// <summary>Registry entry: <c>lstm-autoencoder</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "lstm-autoencoder",
        Kind: DetectorKind.Batch,
        OptionsType: typeof(LstmAutoencoderOptions),
        // 3: the score may be the newest scoredPoints' error (default 1); states 1 and 2 scored whole windows.
        // 4: fine-tunes re-estimate the normalisation; 5: maskedPoints (older states hid nothing).
        StateVersion: 5,
        Create: options => new LstmAutoencoderDetector((LstmAutoencoderOptions)options),
        Restore: (options, reader, version) => Restore((LstmAutoencoderOptions)options, reader, version),
        Summary: "LSTM autoencoder (TorchSharp): reconstruction error of the window ending at each point.")
    {
        UnboundedScores = true,
    };

    /// <inheritdoc />
    public bool IsFitted { get; private set; }

    /// <inheritdoc />
    public int ContextLength => Options.Window;

    /// <inheritdoc />
    public IProgress<TrainingEpoch>? TrainingProgress { get; set; }

    /// <summary>Mean of the training values (normalisation offset).</summary>
    public double NormalizationMean => _mean;

    /// <summary>Population standard deviation of the training values (normalisation scale; 1 for a constant series).</summary>
    public double NormalizationScale => _scale;

    /// <inheritdoc />
    IReadOnlyDictionary<string, double> INormalizingDetector.Normalization => IsFitted
        ? new Dictionary<string, double> { ["mean"] = _mean, ["scale"] = _scale }
        : new Dictionary<string, double>();

    /// <summary>Per-epoch reports of the last <see cref="Fit"/> (fine-tunes add none).</summary>
    public IReadOnlyList<TrainingEpoch> History { get; private set; } = [];

    /// <summary>Fine-tunes since the last <see cref="Fit"/>; part of the saved state, as it seeds the next fine-tune.</summary>
    public int FineTuneCount { get; private set; }

    /// <summary>Number of trainable parameters.</summary>
    public long ParameterCount => _network.parameters().Sum(p => p.numel());

    internal AutoencoderNetwork Network => _network;

    /// <summary>
    /// Trains on the windows of <paramref name="train"/>. A series shorter than the window leaves the network at its
    /// seeded initialisation (the detector still counts as fitted: its scores are then warm-up only or untrained errors).
    /// </summary>
    public void Fit(TimeSeries train, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var values = train.Values.Span;
        (_mean, _scale) = Normalization(values);
        var normalized = Normalize(values);
        int window = Options.Window;
        int windows = Math.Max(0, normalized.Length - window + 1);
        var history = new List<TrainingEpoch>();
        lock (TrainingLock)
        {
            _network.Dispose();
            _network = CreateNetwork(Options);
            if (windows > 0)
            {
                Train(normalized, windows, TrainingSchedule.ForFit(Options, windows - ValidationWindows(windows, Options.EarlyStopping)), Options.EarlyStopping, (ulong)Options.Seed, history, ct);
            }

            _network.eval();
            BuildScorer();
        }

        History = history;
        FineTuneCount = 0;
        IsFitted = true;
    }

    /// <summary>
    /// Starts a data-parallel training (<see cref="LstmDataParallelReplica"/>): the normalisation of
    /// <paramref name="values"/> as <see cref="Fit"/> sets it, the network at its seeded initialisation (as the
    /// constructor made it). Returns the normalised values.
    /// </summary>
    internal float[] BeginDataParallel(ReadOnlySpan<double> values)
    {
        (_mean, _scale) = Normalization(values);
        IsFitted = false;
        return Normalize(values);
    }

    /// <summary>Ends a data-parallel training as <see cref="Fit"/> ends: evaluation mode, the float64 scorer, fitted.</summary>
    internal void CompleteDataParallel()
    {
        lock (TrainingLock)
        {
            _network.eval();
            BuildScorer();
        }

        History = [];
        FineTuneCount = 0;
        IsFitted = true;
    }

    /// <summary>Restores the normalisation a checkpoint recorded.</summary>
    internal void RestoreNormalization(double mean, double scale) => (_mean, _scale) = (mean, scale);

    /// <summary>
    /// Trains the current weights further on the windows of <paramref name="recent"/> for
    /// <see cref="LstmAutoencoderOptions.FineTuneEpochs"/> epochs: values normalised with constants re-estimated on
    /// <paramref name="recent"/> (with <see cref="LstmAutoencoderOptions.RenormalizeOnFineTune"/>) or the first fit's,
    /// a fresh Adam at <see cref="LstmAutoencoderOptions.LearningRate"/>, shuffling and dropout seeded from the
    /// options' seed and <see cref="FineTuneCount"/>, no validation split. Fewer rows than a window change nothing
    /// (but still count as a fine-tune, so the seeds of later ones do not depend on window lengths).
    /// </summary>
    /// <exception cref="NotFittedException">The detector has not been fitted.</exception>
    public void FineTune(TimeSeries recent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recent);
        if (!IsFitted)
        {
            throw new NotFittedException(Descriptor.Name);
        }

        if (Options.RenormalizeOnFineTune && recent.Length >= Options.Window)
        {
            (_mean, _scale) = Normalization(recent.Values.Span);
        }

        var normalized = Normalize(recent.Values.Span);
        int windows = Math.Max(0, normalized.Length - Options.Window + 1);
        ulong seed = FineTuneSeed(Options.Seed, FineTuneCount + 1);
        if (windows > 0)
        {
            lock (TrainingLock)
            {
                // Dropout draws from libtorch's global generator: reseed it so this fine-tune repeats exactly.
                torch.random.manual_seed((long)(seed >> 1));
                Train(normalized, windows, TrainingSchedule.ForFineTune(Options, windows), patience: 0, seed, history: null, ct);
                _network.eval();
                BuildScorer();
            }
        }

        FineTuneCount++;
    }

    /// <inheritdoc />
    public ScoreSeries ScoreSamples(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!IsFitted)
        {
            throw new NotFittedException(Descriptor.Name);
        }

        int n = series.Length;
        int window = Options.Window;
        var scores = new double[n];
        if (n >= window)
        {
            var errors = ReconstructionErrors(Normalize(series.Values.Span), window);
            for (int i = 0; i < errors.Length; i++)
            {
                scores[i + window - 1] = errors[i];
            }
        }

        return new ScoreSeries(scores, Math.Min(window - 1, n));
    }

    /// <summary>Reconstruction errors (mean squared, normalised units) of every stride-1 window of raw <paramref name="values"/>.</summary>
    /// <exception cref="NotFittedException">The detector has not been fitted.</exception>
    public float[] WindowErrors(ReadOnlySpan<double> values)
    {
        if (!IsFitted)
        {
            throw new NotFittedException(Descriptor.Name);
        }

        return values.Length < Options.Window ? [] : ReconstructionErrors(Normalize(values), Options.Window);
    }

    /// <summary>
    /// Reconstruction errors computed by the float32 training network in batches of <paramref name="batch"/> (as the
    /// PyTorch peer does); faster than <see cref="WindowErrors"/> but the last bit may depend on the batch shape.
    /// For benchmarks.
    /// </summary>
    internal float[] WindowErrorsFloat32(ReadOnlySpan<double> values, int batch)
    {
        int window = Options.Window;
        int windows = values.Length - window + 1;
        var errors = new float[Math.Max(0, windows)];
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var all = torch.tensor(Normalize(values)).unfold(0, window, 1).unsqueeze(-1);
        for (int start = 0; start < windows; start += batch)
        {
            using var inner = torch.NewDisposeScope();
            int count = Math.Min(batch, windows - start);
            _network.Errors(all.narrow(0, start, count).contiguous(), Options.ScoredPoints).data<float>().CopyTo(errors, start);
        }

        return errors;
    }

    /// <summary>Writes the normalisation constants and the network's weights (TorchSharp's format), little-endian.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateMagic);
        writer.Write(IsFitted);
        writer.Write(_mean);
        writer.Write(_scale);
        writer.Write(FineTuneCount);
        _network.save(writer);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ExportFormats { get; } = ["onnx", "pt", "safetensors"];

    /// <summary>
    /// Exports the trained network: <c>onnx</c> (opset 17 with ONNX's LSTM operator, scored by
    /// <c>lstm-autoencoder-onnx</c>), <c>pt</c> (a PyTorch state_dict for <c>torch.load</c>, keys <c>encoder.*</c>,
    /// <c>decoder.*</c>, <c>output.*</c> as in the peer's <c>nn.Module</c>) or <c>safetensors</c> (the same tensors).
    /// The normalisation constants are not part of the network: they are in the model's manifest.
    /// </summary>
    public void Export(string format, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!IsFitted)
        {
            throw new NotSupportedException("lstm-autoencoder is not trained yet; there is nothing to export.");
        }

        switch (format)
        {
            case "onnx":
                destination.Write(OnnxExport.ToOnnx(this));
                break;
            case "pt":
                TorchSharp.PyBridge.PyBridgeModuleExtensions.save_py(_network, destination, leaveOpen: true);
                break;
            case "safetensors":
                TorchSharp.PyBridge.PyBridgeModuleExtensions.save_safetensors(_network, destination, leaveOpen: true);
                break;
            default:
                throw new NotSupportedException($"lstm-autoencoder exports {string.Join(", ", ExportFormats)}, not {format}.");
        }
    }

    /// <summary>Releases the network's native tensors.</summary>
    public void Dispose()
    {
        _network.Dispose();
        _scorer?.Dispose();
    }

    internal static (double Mean, double Scale) Normalization(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return (0.0, 1.0);
        }

        double mean = Vigil.Numerics.NumpyStatistics.Mean(values);
        double sd = Vigil.Numerics.NumpyStatistics.PopulationStandardDeviation(values, mean, new double[values.Length]);
        return (mean, sd > 1e-12 ? sd : 1.0);
    }

    private static LstmAutoencoderDetector Restore(LstmAutoencoderOptions options, BinaryReader reader, int version)
    {
        if (version is < 1 or > 5)
        {
            throw new InvalidDataException($"lstm-autoencoder state version {version} is not supported (this build reads versions 1 to 5).");
        }

        if (version < 3)
        {
            // Written before scoredPoints existed, when every score was the whole window's error: a saved model keeps
            // scoring as it did (its options have no scoredPoints, so they would otherwise take today's default).
            options = options with { ScoredPoints = 0 };
        }

        if (version < 4)
        {
            // Written before renormalizeOnFineTune existed, when fine-tunes kept the first fit's normalisation.
            options = options with { RenormalizeOnFineTune = false };
        }

        if (version < 5)
        {
            // Written before maskedPoints existed, when the encoder saw every point.
            options = options with { MaskedPoints = 0 };
        }

        if (reader.ReadInt32() != StateMagic)
        {
            throw new InvalidDataException("Not an lstm-autoencoder state.");
        }

        var detector = new LstmAutoencoderDetector(options);
        detector.IsFitted = reader.ReadBoolean();
        detector._mean = reader.ReadDouble();
        detector._scale = reader.ReadDouble();
        detector.FineTuneCount = version >= 2 ? reader.ReadInt32() : 0;   // version 1 predates fine-tuning
        detector._network.load(reader);
        detector._network.eval();

        // Building the scorer constructs a network, which draws from libtorch's global generator: under the
        // lock, so it cannot interleave with another detector's seeded initialisation or training.
        lock (TrainingLock)
        {
            detector.BuildScorer();
        }

        return detector;
    }

    private static AutoencoderNetwork CreateNetwork(LstmAutoencoderOptions options)
    {
        lock (TrainingLock)
        {
            torch.random.manual_seed(options.Seed);
            return new AutoencoderNetwork(options);
        }
    }

    // Implementation note: scoring runs a float64 copy of the trained float32 network and rounds each error to
    // float32. libtorch's kernels sum in an order that depends on the batch shape, so the same window scored alone
    // (as BatchAsStreaming does) or among a thousand others differs in the last float32 bit; in float64 the
    // difference is ~1e-16 relative and disappears in the rounding (except with probability ~1e-8 per score), which
    // keeps batch and streaming scores identical.
    private void BuildScorer()
    {
        _scorer?.Dispose();
        var scorer = new AutoencoderNetwork(Options);
        using (torch.no_grad())
        {
            var trained = _network.state_dict();
            foreach (var (name, parameter) in scorer.named_parameters())
            {
                parameter.copy_(trained[name]);
            }
        }

        scorer.to(ScalarType.Float64);
        scorer.eval();
        _scorer = scorer;
    }

    private float[] Normalize(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = (float)((values[i] - _mean) / _scale);
        }

        return result;
    }

    // A distinct, well-mixed seed per fine-tune (SplitMix64 finaliser), so successive fine-tunes shuffle differently.
    private static ulong FineTuneSeed(int seed, int round)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)round) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    // The windows held out for early stopping (the last ones): none without it.
    private int ValidationWindows(int windows, int patience) =>
        patience > 0 && windows >= 2 ? Math.Max(1, (int)(windows * Options.ValidationFraction)) : 0;

    private void Train(float[] normalized, int windows, TrainingSchedule schedule, int patience, ulong seed, List<TrainingEpoch>? history, CancellationToken ct)
    {
        var options = Options;
        int validation = ValidationWindows(windows, patience);
        int training = windows - validation;
        int epochs = schedule.Epochs;
        int batchSize = schedule.BatchSize;
        using var series = torch.tensor(normalized);
        using var all = series.unfold(0, options.Window, 1).unsqueeze(-1).contiguous();   // (windows, T, 1)
        using var trainSet = all.narrow(0, 0, training);
        using var validationSet = validation > 0 ? all.narrow(0, training, validation) : null;
        using var generator = new torch.Generator(seed);
        var parameters = _network.parameters().ToList();
        using var optimizer = torch.optim.Adam(parameters, options.LearningRate);
        double best = double.PositiveInfinity;
        int sinceBest = 0;
        Dictionary<string, Tensor>? bestWeights = null;
        _network.train();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double total = 0.0;
            using (var permutation = torch.randperm(training, generator: generator))
            {
                for (int start = 0; start < training; start += batchSize)
                {
                    ct.ThrowIfCancellationRequested();
                    using var scope = torch.NewDisposeScope();
                    int count = Math.Min(batchSize, training - start);
                    var batch = trainSet.index_select(0, permutation.narrow(0, start, count));
                    optimizer.zero_grad();
                    var reconstruction = _network.forward(batch);
                    var loss = nn.functional.mse_loss(reconstruction, batch);
                    loss.backward();
                    if (options.GradientClip > 0.0)
                    {
                        nn.utils.clip_grad_norm_(parameters, options.GradientClip);
                    }

                    optimizer.step();
                    total += loss.item<float>() * count;
                }
            }

            double validationLoss = double.NaN;
            if (validationSet is not null)
            {
                _network.eval();
                validationLoss = MeanError(validationSet);
                _network.train();
            }

            if (history is not null)
            {
                // Only the first fit reports: fine-tunes run in the middle of a stream, where epoch bars would mislead.
                var report = new TrainingEpoch(epoch, epochs, total / training, validationLoss, clock.Elapsed);
                history.Add(report);
                TrainingProgress?.Report(report);
            }

            if (validationSet is null)
            {
                continue;
            }

            if (validationLoss < best)
            {
                (best, sinceBest) = (validationLoss, 0);
                DisposeAll(bestWeights);
                bestWeights = _network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            else if (++sinceBest >= patience)
            {
                break;
            }
        }

        if (bestWeights is not null)
        {
            _network.load_state_dict(bestWeights);
            DisposeAll(bestWeights);
        }
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        foreach (var tensor in tensors?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }
    }

    private double MeanError(Tensor windows)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return _network.Errors(windows).mean().item<float>();
    }

    private float[] ReconstructionErrors(float[] normalized, int window)
    {
        int windows = normalized.Length - window + 1;
        var errors = new float[windows];
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var scorer = _scorer ?? throw new NotFittedException(Descriptor.Name);
        var all = torch.tensor(normalized).to(ScalarType.Float64).unfold(0, window, 1).unsqueeze(-1);
        for (int start = 0; start < windows; start += InferenceBatch)
        {
            using var inner = torch.NewDisposeScope();
            int count = Math.Min(InferenceBatch, windows - start);
            var batch = all.narrow(0, start, count).contiguous();
            var batchErrors = scorer.Errors(batch, Options.ScoredPoints).data<double>();
            for (int i = 0; i < count; i++)
            {
                errors[start + i] = (float)batchErrors[i];
            }
        }

        return errors;
    }
}
