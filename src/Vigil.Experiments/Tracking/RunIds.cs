namespace Vigil.Experiments.Tracking;

/// <summary>Run ids: 32 lowercase hex digits, as MLflow writes its own.</summary>
public static class RunIds
{
    /// <summary>A new unique id (a random GUID; ids identify runs and never feed a computation).</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="text"/> has the form of a run id.</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 32 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
