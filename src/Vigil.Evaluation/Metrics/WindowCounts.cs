namespace Vigil.Evaluation.Metrics;

/// <summary>
/// Anomaly windows found and missed: the event recall that <see cref="F1Mode.Composite"/> pairs with point-wise
/// precision. Only windows with at least one scored row count.
/// </summary>
/// <param name="Found">Windows with at least one detected row.</param>
/// <param name="Missed">Windows with none.</param>
public sealed record WindowCounts(long Found, long Missed)
{
    /// <summary>No window: the identity of <see cref="Combine"/>.</summary>
    public static WindowCounts None { get; } = new(0, 0);

    /// <summary>Found / (found + missed); 0 when there is no window.</summary>
    public double Recall => Found + Missed == 0 ? 0.0 : (double)Found / (Found + Missed);

    /// <summary>The field-by-field sum of the two counts.</summary>
    public WindowCounts Combine(WindowCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Found + other.Found, Missed + other.Missed);
    }
}
