namespace Vigil.Detection;

/// <summary>
/// A batch detector that can be trained further from its current parameters instead of being refitted from scratch.
/// Causal harnesses (<see cref="BatchAsStreaming"/>, <see cref="CausalBatchScorer"/>) call <see cref="FineTune"/>
/// for every refit their <see cref="RefitPolicy"/> asks for after the first <see cref="IBatchDetector.Fit"/>.
/// </summary>
/// <remarks>
/// Fine-tuning keeps a model's accumulated knowledge of the whole past while adapting it to the recent window, which
/// a refit from scratch on that window alone would discard; for a neural model it is also far cheaper.
/// </remarks>
public interface IFineTunableDetector : IBatchDetector
{
    /// <summary>
    /// Continues training on <paramref name="recent"/> (the trailing rows a harness passes, none after the current one).
    /// What the first fit fixed (e.g. normalisation constants) stays as it is. Deterministic for the options' seed
    /// and the number of fine-tunes done so far.
    /// </summary>
    /// <exception cref="NotFittedException">The detector has not been fitted.</exception>
    void FineTune(TimeSeries recent, CancellationToken ct = default);
}
