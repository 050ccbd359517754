namespace Vigil.Experiments.Tracking;

/// <summary>Turns tracking errors into one-line messages for users.</summary>
public static class TrackingErrors
{
    /// <summary>The message of <paramref name="error"/> (the inner one of a single-error aggregate), without type names.</summary>
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var e = error is AggregateException { InnerExceptions.Count: 1 } one ? one.InnerExceptions[0] : error;
        return e is AggregateException many ? string.Join("; ", many.InnerExceptions.Select(Describe)) : e.Message;
    }
}
