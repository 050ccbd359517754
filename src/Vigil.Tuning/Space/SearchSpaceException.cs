namespace Vigil.Tuning.Space;

/// <summary>A search space that cannot be used: unknown parameter, empty or inverted range, a value outside the option's declared range.</summary>
/// <remarks>A <see cref="FormatException"/>, so the CLI reports it as bad input (exit code 2).</remarks>
public sealed class SearchSpaceException : FormatException
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public SearchSpaceException(string key, string message)
        : base(message) => Key = key;

    /// <summary>The parameter (or declaration key) at fault, so a caller can point at its line.</summary>
    public string Key { get; }
}
