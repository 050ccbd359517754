using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Torch.LstmAutoencoder;

/// <summary>Options of <see cref="LstmAutoencoderDetector"/>.</summary>
/// <remarks>
/// Causal harnesses read <see cref="FineTuneEvery"/> and <see cref="FineTuneWindow"/> through
/// <see cref="IRefitOptions"/>; because the detector is an <see cref="IFineTunableDetector"/>, their refits continue
/// training instead of starting again.
/// </remarks>
public sealed record LstmAutoencoderOptions : DetectorOptions, IRefitOptions
{
    /// <summary>Creates the options with every default, including the documented calibration (<see cref="Defaults.Calibration"/>).</summary>
    public LstmAutoencoderOptions()
    {
        Calibration = Defaults.Calibration;
    }

    /// <summary>
    /// Hidden units of every LSTM layer, which is also the size of the code. More units reconstruct finer detail
    /// (and memorise anomalies sooner); 32 to 128 suits NAB-like series.
    /// </summary>
    [Range(1, 4096)]
    public int HiddenUnits { get; init; } = Defaults.HiddenUnits;

    /// <summary>Stacked LSTM layers in the encoder and in the decoder. One is usually enough for univariate windows.</summary>
    [Range(1, 8)]
    public int Layers { get; init; } = Defaults.Layers;

    /// <summary>Dropout between stacked layers and on the code, during training only. Try 0.1 to 0.3 against overfitting long series.</summary>
    [Range(0.0, 0.9)]
    public double Dropout { get; init; } = Defaults.Dropout;

    /// <summary>Layer normalisation of the code (the encoder's last hidden state). Can steady training of deep or wide models.</summary>
    public bool LayerNorm { get; init; } = Defaults.LayerNorm;

    /// <summary>Adam's learning rate. Lower it (e.g. 3e-4) if the loss jumps about; raise it for short training runs.</summary>
    [Range(1e-6, 1.0)]
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>
    /// Largest number of windows per optimiser step. Larger batches train faster per epoch but take fewer steps; a
    /// short training set uses a smaller batch (see <see cref="MinBatchesPerEpoch"/>).
    /// </summary>
    [Range(1, 65_536)]
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>
    /// Fewest optimiser steps per epoch: the batch is lowered to <c>ceil(windows / minBatchesPerEpoch)</c> when that
    /// is below <see cref="BatchSize"/>, so a few hundred training windows (NAB's probation) are not one batch. 0
    /// always uses <see cref="BatchSize"/>.
    /// </summary>
    [Range(0, 65_536)]
    public int MinBatchesPerEpoch { get; init; } = Defaults.MinBatchesPerEpoch;

    /// <summary>
    /// Fewest optimiser steps of a fit: <see cref="Epochs"/> is raised until the fit takes at least this many, whatever
    /// the series' length (early stopping may still end it sooner). Without it a few hundred training rows give about
    /// ten steps and the network stays near its initialisation. 0 uses <see cref="Epochs"/> as given.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MinSteps { get; init; } = Defaults.MinSteps;

    /// <summary>Passes over the training windows (more when <see cref="MinSteps"/> needs them; fewer when early stopping triggers).</summary>
    [Range(1, 10_000)]
    public int Epochs { get; init; } = Defaults.Epochs;

    /// <summary>
    /// Window length in points: the model reconstructs windows of this many values and the score of a point is the
    /// reconstruction error of the window ending there. Cover at least one seasonal period if the data has one.
    /// </summary>
    [Range(2, 4096)]
    public int Window { get; init; } = Defaults.Window;

    /// <summary>
    /// How many of the window's newest points the score averages: 0 scores the whole window (the mean squared
    /// reconstruction error of all <see cref="Window"/> points), k scores the newest k. The whole-window error keeps a
    /// spike in the score for a whole window and spreads a level change over it; a few newest points say what is
    /// anomalous now. Training always minimises the whole window's error.
    /// </summary>
    [Range(0, 4096)]
    public int ScoredPoints { get; init; } = Defaults.ScoredPoints;

    /// <summary>
    /// How many of the newest points of every window are hidden from the encoder (set to 0, the normalised mean) while
    /// the network still reconstructs the whole window. With <see cref="ScoredPoints"/> 1, a masked newest point's
    /// error is the error of inferring it from the window's earlier points, so an outlier cannot pass through the code
    /// into its own reconstruction (an LSTM encoder remembers its last inputs best). 0 hides nothing. Must be below
    /// <see cref="Window"/>.
    /// </summary>
    [Range(0, 4096)]
    public int MaskedPoints { get; init; } = Defaults.MaskedPoints;

    /// <summary>Maximum global gradient norm before each step (clip_grad_norm); 0 disables clipping.</summary>
    [Range(0.0, 1e6)]
    public double GradientClip { get; init; } = Defaults.GradientClip;

    /// <summary>
    /// Early-stopping patience in epochs: training stops when the validation loss has not improved for this many
    /// epochs, and the best weights are kept. 0 disables early stopping (and the validation split).
    /// </summary>
    [Range(0, 1_000)]
    public int EarlyStopping { get; init; } = Defaults.EarlyStopping;

    /// <summary>
    /// Fraction of the training windows, taken from the end of the training data (time-ordered, never shuffled in),
    /// held out for early stopping. Used only when <see cref="EarlyStopping"/> is above 0.
    /// </summary>
    [Range(0.05, 0.5)]
    public double ValidationFraction { get; init; } = Defaults.ValidationFraction;

    /// <summary>
    /// In causal mode (NAB, <c>vigil detect</c>): after every this many scored rows, train the model further on the
    /// trailing <see cref="FineTuneWindow"/> rows ending at the current row, for <see cref="FineTuneEpochs"/> epochs.
    /// Each fine-tune costs about <c>FineTuneEpochs × FineTuneWindow / (Epochs ×
    /// training rows)</c> of the first fit. Default 250; 0 never fine-tunes (the model then keeps what it learnt on the
    /// training prefix alone).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int FineTuneEvery { get; init; } = Defaults.FineTuneEvery;

    /// <summary>
    /// Rows each fine-tune trains on: the trailing ones ending at the current row; 0 uses every row so far (cost grows
    /// with the stream). Must be 0 or at least <see cref="Window"/>. See <see cref="RenormalizeOnFineTune"/> for the normalisation.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int FineTuneWindow { get; init; } = Defaults.FineTuneWindow;

    /// <summary>Epochs of each fine-tune (fresh Adam state, <see cref="LearningRate"/>, no early stopping).</summary>
    [Range(1, 10_000)]
    public int FineTuneEpochs { get; init; } = Defaults.FineTuneEpochs;

    /// <summary>
    /// Whether each fine-tune first re-estimates the normalisation (mean and standard deviation) on its trailing rows,
    /// so that reconstruction errors stay in units of the recent spread after the level or scale of the stream has
    /// moved away from the training prefix; false keeps the first fit's constants. Default false: on the whole NAB
    /// corpus it helped (33.21 -> 37.13 standard) only while the likelihood received x / (1 + x)-bounded errors; with
    /// the raw errors it costs 60.01 -> 50.51 (docs/detectors/lstm-autoencoder.md).
    /// </summary>
    public bool RenormalizeOnFineTune { get; init; } = Defaults.RenormalizeOnFineTune;

    int IRefitOptions.RefitEvery => FineTuneEvery;

    int IRefitOptions.TrainWindow => FineTuneWindow;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (ScoredPoints > Window)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(ScoredPoints)), $"must not exceed window ({Window}), got {ScoredPoints}.");
        }

        if (MaskedPoints >= Window)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(MaskedPoints)), $"must be below window ({Window}), got {MaskedPoints}: the encoder needs at least one visible point.");
        }

        if (FineTuneWindow > 0 && FineTuneWindow < Window)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(FineTuneWindow)), $"must be 0 (every row so far) or at least window ({Window}), got {FineTuneWindow}: a shorter window holds no training window.");
        }
    }

    /// <summary>Default values (those of the PyTorch peer workload, lstm_ae_torch.py).</summary>
    public static class Defaults
    {
        /// <summary>
        /// The documented default calibration: NAB's anomaly likelihood of the raw scores with NuPIC's windows (the same
        /// rule for isolation-forest, lstm-autoencoder, sarima and decomposition; docs/calibration.md has the measurements).
        /// </summary>
        public static Vigil.Pipeline.CalibrationSpec Calibration => Vigil.Pipeline.CalibrationSpec.Likelihood;

        /// <summary>Default hidden units.</summary>
        public const int HiddenUnits = 64;

        /// <summary>Default layers.</summary>
        public const int Layers = 1;

        /// <summary>Default dropout: none.</summary>
        public const double Dropout = 0.0;

        /// <summary>Default: no layer normalisation.</summary>
        public const bool LayerNorm = false;

        /// <summary>Default learning rate.</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Default batch size.</summary>
        public const int BatchSize = 256;

        /// <summary>Default fewest batches per epoch.</summary>
        public const int MinBatchesPerEpoch = 8;

        /// <summary>Default fewest optimiser steps of a fit.</summary>
        public const int MinSteps = 300;

        /// <summary>Default epochs.</summary>
        public const int Epochs = 5;

        /// <summary>Default window length.</summary>
        public const int Window = 64;

        /// <summary>
        /// Default: the score is the newest point's reconstruction error. Whole NAB corpus, likelihood calibration,
        /// NAB standard: 15.62 with the whole window (0), 24.80 with the newest 4, 33.21 with the newest 1
        /// (docs/detectors/lstm-autoencoder.md).
        /// </summary>
        public const int ScoredPoints = 1;

        /// <summary>
        /// Default: the newest point is hidden from the encoder, so the score (<see cref="ScoredPoints"/> 1) is the error
        /// of inferring it from the window's earlier points. Chosen by leave-one-category-out cross-validation on NAB (in
        /// 7 of 7 folds among 14 candidates, 6 of 7 among 32) and checked on a second seed
        /// (docs/detectors/lstm-autoencoder.md, "Hiding the newest point from the encoder").
        /// </summary>
        public const int MaskedPoints = 1;

        /// <summary>Default gradient clipping norm.</summary>
        public const double GradientClip = 1.0;

        /// <summary>Default: no early stopping.</summary>
        public const int EarlyStopping = 0;

        /// <summary>Default validation fraction.</summary>
        public const double ValidationFraction = 0.2;

        /// <summary>
        /// Default: fine-tune after every 250 scored rows (on the trailing <see cref="FineTuneWindow"/> rows, one
        /// epoch), so the model follows drift after a short probation; chosen on two NAB categories (realTraffic,
        /// realAdExchange) against no fine-tuning, docs/detectors/lstm-autoencoder.md.
        /// </summary>
        public const int FineTuneEvery = 250;

        /// <summary>Default fine-tune window: 1000 trailing rows.</summary>
        public const int FineTuneWindow = 1000;

        /// <summary>Default fine-tune epochs.</summary>
        public const int FineTuneEpochs = 1;

        /// <summary>Default: fine-tunes keep the first fit's normalisation.</summary>
        public const bool RenormalizeOnFineTune = false;
    }
}
