namespace Vigil.Validation;

/// <summary>One problem with an option or configuration value.</summary>
/// <param name="Key">The camelCase key (or path) of the offending value.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record OptionError(string Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Message}";
}
