namespace Vigil.Validation;

/// <summary>Options failed validation; <see cref="Errors"/> lists every problem found.</summary>
public sealed class OptionsValidationException : ArgumentException
{
    /// <summary>Creates the exception with every error.</summary>
    public OptionsValidationException(string subject, IReadOnlyList<OptionError> errors)
        : base(Format(subject, errors))
    {
        Subject = subject;
        Errors = errors;
    }

    /// <summary>What was being validated, e.g. a detector name.</summary>
    public string Subject { get; }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<OptionError> Errors { get; }

    private static string Format(string subject, IReadOnlyList<OptionError> errors) =>
        $"Invalid options for '{subject}' ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):"
        + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e));
}
