using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using Vigil.Detection;
using Vigil.Training;
using static TorchSharp.torch;

namespace Vigil.Detectors.Torch.LstmAutoencoder;

/// <summary>
/// One replica of the LSTM autoencoder's synchronous data-parallel training: the step-by-step form of
/// <see cref="LstmAutoencoderDetector.Fit"/>'s loop, where the gradient of each global batch comes from all replicas.
/// </summary>
/// <remarks>
/// <para>
/// Every replica builds what <see cref="LstmAutoencoderDetector.Fit"/> builds: the network initialised from the
/// seed, the normalised windows, Adam, the batch size and epochs of <see cref="TrainingSchedule.ForFit"/>, and the batch order (one <c>randperm</c> per epoch from a generator seeded
/// with the options' seed). Step s is batch s mod b of epoch s / b (b batches per epoch); the replica of rank r
/// takes its contiguous share of that batch (<see cref="DataParallelPlan.ShardOf"/>), and its contribution is its
/// shard's mean-squared-error gradient times the shard's size, so the all-reduced mean is the global batch's gradient.
/// Clipping and the Adam update then run on that mean, identically on every replica.
/// </para>
/// <para>
/// Against <see cref="LstmAutoencoderDetector.Fit"/> with the same seed and batch size the only difference is the
/// float32 summation order inside the shards' backward passes (≈1e-7 relative per step), which Adam's normalised
/// steps carry forward; the tests bound the difference. Restrictions: no dropout (libtorch draws its masks from a
/// process-wide generator, so they would depend on the sharding and on other replicas in the process) and no early
/// stopping (its validation split and best-epoch rollback are a single-process loop); both are refused up front.
/// </para>
/// <para>
/// Replicas in one process take turns (the detector's process-wide training lock): TorchSharp's training steps are
/// not safe on concurrent threads. Replicas in separate processes (silos on other machines) compute in parallel.
/// </para>
/// </remarks>
internal sealed class LstmDataParallelReplica : IDataParallelReplica
{
    private const int CheckpointMagic = 0x4C534450; // "LSDP"
    private const int CheckpointVersion = 1;

    private readonly LstmAutoencoderDetector _detector;
    private readonly DataParallelPlan _plan;
    private readonly Tensor _series;
    private readonly Tensor _windows;
    private readonly List<TorchSharp.Modules.Parameter> _parameters;
    private readonly TorchSharp.Modules.Adam _optimizer;
    private readonly int _training;
    private readonly int _batchSize;
    private readonly int _batchesPerEpoch;
    private readonly int _gradientLength;
    private Generator? _generator;
    private Tensor? _permutation;
    private int _permutationEpoch = -1;

    public LstmDataParallelReplica(DataParallelPlan plan, byte[]? checkpoint)
    {
        _plan = plan;
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(plan.OptionsJson) ? "{}" : plan.OptionsJson);
        var options = (LstmAutoencoderOptions)OptionsBinder.Bind(LstmAutoencoderDetector.Descriptor, document.RootElement);
        if (options.Dropout > 0.0)
        {
            throw new NotSupportedException("lstm-autoencoder trains data-parallel only with dropout 0: libtorch draws dropout masks from one process-wide generator, so they would depend on how batches are sharded.");
        }

        if (options.EarlyStopping > 0)
        {
            throw new NotSupportedException("lstm-autoencoder trains data-parallel only with earlyStopping 0 (no validation split).");
        }

        _detector = new LstmAutoencoderDetector(options);
        var normalized = _detector.BeginDataParallel(plan.Values.Span);
        _training = Math.Max(0, normalized.Length - options.Window + 1);
        var schedule = TrainingSchedule.ForFit(options, _training);
        _batchSize = schedule.BatchSize;
        _batchesPerEpoch = schedule.BatchesPerEpoch;
        TotalSteps = checked((int)schedule.TotalSteps);
        _series = torch.tensor(normalized);
        _windows = _training > 0 ? _series.unfold(0, options.Window, 1).unsqueeze(-1).contiguous() : torch.zeros(0, options.Window, 1);
        _parameters = _detector.Network.parameters().ToList();
        _gradientLength = (int)_parameters.Sum(p => p.numel());
        _optimizer = optim.Adam(_parameters, options.LearningRate);
        _detector.Network.train();
        if (checkpoint is not null)
        {
            Restore(checkpoint);
        }
        else if (TotalSteps == 0)
        {
            // No window to train on: fitted at the seeded initialisation, as Fit leaves it.
            _detector.CompleteDataParallel();
        }
    }

    private LstmAutoencoderOptions Options => _detector.Options;

    public int TotalSteps { get; }

    public int NextStep { get; private set; }

    public ShardGradient ComputeGradient(CancellationToken ct = default)
    {
        // Implementation note: replicas in one process (in-process silos, the local driver) take turns. Three
        // replicas stepping on concurrent threads crashed inside TorchSharp's Adam.step ("Unknown scalar type"), and
        // the detector's Fit holds the same lock. Replicas in different processes still run in parallel.
        lock (LstmAutoencoderDetector.TrainingLock)
        {
            return ComputeGradientLocked(ct);
        }
    }

    public void ApplyMeanGradient(float[] meanGradient)
    {
        lock (LstmAutoencoderDetector.TrainingLock)
        {
            ApplyMeanGradientLocked(meanGradient);
        }
    }

    private ShardGradient ComputeGradientLocked(CancellationToken ct)
    {
        EnsureRunning();
        ct.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        int step = NextStep;
        var (start, count) = GlobalBatch(step);
        var (offset, samples) = DataParallelPlan.ShardOf(count, _plan.Rank, _plan.Replicas);
        var weighted = new double[_gradientLength];
        double lossSum = 0;
        if (samples > 0)
        {
            using var scope = torch.NewDisposeScope();
            var batch = _windows.index_select(0, PermutationFor(step).narrow(0, start + offset, samples));
            _optimizer.zero_grad();
            var loss = nn.functional.mse_loss(_detector.Network.forward(batch), batch);
            loss.backward();
            lossSum = loss.item<float>() * (double)samples;
            int at = 0;
            foreach (var parameter in _parameters)
            {
                var grad = parameter.grad;
                int n = (int)parameter.numel();
                if (grad is not null)
                {
                    var values = grad.contiguous().data<float>();
                    for (int i = 0; i < n; i++)
                    {
                        weighted[at + i] = values[i] * (double)samples;
                    }
                }

                at += n;
            }
        }

        return new ShardGradient(step, samples, lossSum, weighted, clock.Elapsed);
    }

    private void ApplyMeanGradientLocked(float[] meanGradient)
    {
        ArgumentNullException.ThrowIfNull(meanGradient);
        EnsureRunning();
        if (meanGradient.Length != _gradientLength)
        {
            throw new ArgumentException($"The mean gradient has {meanGradient.Length} values; the model has {_gradientLength} parameters.", nameof(meanGradient));
        }

        using (var scope = torch.NewDisposeScope())
        {
            int at = 0;
            foreach (var parameter in _parameters)
            {
                int n = (int)parameter.numel();
                var mean = torch.tensor(meanGradient.AsSpan(at, n).ToArray()).reshape(parameter.shape);
                if (parameter.grad is { } grad)
                {
                    grad.copy_(mean);
                }
                else
                {
                    // A replica with no share of a small batch has no gradient tensor yet.
                    parameter.grad = mean.clone().MoveToOuterDisposeScope();
                }

                at += n;
            }

            if (Options.GradientClip > 0.0)
            {
                nn.utils.clip_grad_norm_(_parameters, Options.GradientClip);
            }

            _optimizer.step();
        }

        NextStep++;
        if (NextStep == TotalSteps)
        {
            _detector.CompleteDataParallel();
        }
    }

    public float[] Parameters()
    {
        lock (LstmAutoencoderDetector.TrainingLock)
        {
            return ParametersLocked();
        }
    }

    public byte[] SaveCheckpoint()
    {
        lock (LstmAutoencoderDetector.TrainingLock)
        {
            return SaveCheckpointLocked();
        }
    }

    private float[] ParametersLocked()
    {
        var result = new float[_gradientLength];
        int at = 0;
        using var noGrad = torch.no_grad();
        foreach (var parameter in _parameters)
        {
            var values = parameter.detach().contiguous().data<float>();
            values.CopyTo(result, at);
            at += (int)parameter.numel();
        }

        return result;
    }

    private byte[] SaveCheckpointLocked()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(CheckpointMagic);
            writer.Write(CheckpointVersion);
            writer.Write(NextStep);
            writer.Write(TotalSteps);
            writer.Write(_detector.NormalizationMean);
            writer.Write(_detector.NormalizationScale);
            _detector.Network.save(writer);
            _optimizer.save_state_dict(writer);
        }

        return stream.ToArray();
    }

    public byte[] SaveModel()
    {
        lock (LstmAutoencoderDetector.TrainingLock)
        {
            return SaveModelLocked();
        }
    }

    public void Dispose()
    {
        lock (LstmAutoencoderDetector.TrainingLock)
        {
            _permutation?.Dispose();
            _generator?.Dispose();
            _optimizer.Dispose();
            _windows.Dispose();
            _series.Dispose();
            _detector.Dispose();
        }
    }

    private byte[] SaveModelLocked()
    {
        if (!_detector.IsFitted)
        {
            throw new InvalidOperationException($"The training is at step {NextStep} of {TotalSteps}; the model is not trained yet.");
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            _detector.WriteState(writer);
        }

        return stream.ToArray();
    }

    private void Restore(byte[] checkpoint)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(checkpoint, writable: false));
            if (reader.ReadInt32() != CheckpointMagic || reader.ReadInt32() != CheckpointVersion)
            {
                throw new InvalidDataException("Not an lstm-autoencoder data-parallel checkpoint of this version.");
            }

            int step = reader.ReadInt32();
            int total = reader.ReadInt32();
            if (total != TotalSteps || step < 0 || step > total)
            {
                throw new InvalidDataException($"The checkpoint is of a training with {total} steps; these options and data give {TotalSteps}.");
            }

            double mean = reader.ReadDouble();
            double scale = reader.ReadDouble();
            if (BitConverter.DoubleToInt64Bits(mean) != BitConverter.DoubleToInt64Bits(_detector.NormalizationMean)
                || BitConverter.DoubleToInt64Bits(scale) != BitConverter.DoubleToInt64Bits(_detector.NormalizationScale))
            {
                throw new InvalidDataException("The checkpoint was trained on other data (its normalisation differs).");
            }

            _detector.Network.load(reader);
            _optimizer.load_state_dict(reader);
            NextStep = step;
            if (NextStep == TotalSteps)
            {
                _detector.CompleteDataParallel();
            }
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("The data-parallel checkpoint is truncated.");
        }
    }

    private void EnsureRunning()
    {
        if (NextStep >= TotalSteps)
        {
            throw new InvalidOperationException($"The training has taken all its {TotalSteps} steps.");
        }
    }

    /// <summary>Where step <paramref name="step"/>'s global batch lies in its epoch's permutation, and its size.</summary>
    private (int Start, int Count) GlobalBatch(int step)
    {
        int start = step % _batchesPerEpoch * _batchSize;
        return (start, Math.Min(_batchSize, _training - start));
    }

    /// <summary>
    /// The permutation of step <paramref name="step"/>'s epoch: the generator is seeded as in
    /// <see cref="LstmAutoencoderDetector.Fit"/> and draws one permutation per epoch, so a replica restored at a later
    /// epoch replays the earlier draws to reach the same one.
    /// </summary>
    private Tensor PermutationFor(int step)
    {
        int epoch = step / _batchesPerEpoch;
        if (_permutation is not null && _permutationEpoch == epoch)
        {
            return _permutation;
        }

        if (_generator is null || _permutationEpoch > epoch)
        {
            _generator?.Dispose();
            _generator = new Generator((ulong)Options.Seed);
            _permutationEpoch = -1;
        }

        while (_permutationEpoch < epoch)
        {
            _permutation?.Dispose();
            _permutation = torch.randperm(_training, generator: _generator).DetachFromDisposeScope();   // kept across steps, whatever scope asked first
            _permutationEpoch++;
        }

        return _permutation!;
    }
}
