namespace Vigil.Detection;

/// <summary>No detector is registered under the requested name.</summary>
public sealed class UnknownDetectorException : ArgumentException
{
    /// <summary>Creates the exception, listing close matches and every registered name.</summary>
    public UnknownDetectorException(string name, IReadOnlyList<string> closeMatches, IReadOnlyList<string> registered)
        : base($"Unknown detector '{name}'."
               + (closeMatches.Count > 0 ? $" Did you mean {string.Join(" or ", closeMatches.Take(3).Select(n => $"'{n}'"))}?" : "")
               + $" Registered detectors: {string.Join(", ", registered)}.")
    {
        Name = name;
        Registered = registered;
    }

    /// <summary>The name that was asked for.</summary>
    public string Name { get; }

    /// <summary>Every registered name.</summary>
    public IReadOnlyList<string> Registered { get; }
}
