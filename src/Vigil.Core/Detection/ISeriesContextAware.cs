namespace Vigil.Detection;

/// <summary>
/// Implemented by detectors that accept facts about the series before its first point, as NAB's harness
/// gives them (the probationary length and the input range). Anything such a detector learns from these
/// is an explicit input, never something derived silently from the future.
/// </summary>
public interface ISeriesContextAware
{
    /// <summary>Called once, before the first <see cref="IStreamingDetector.Step"/>.</summary>
    void Prepare(SeriesContext context);
}
