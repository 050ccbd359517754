namespace Vigil.Tuning;

/// <summary>A study of that name exists with other settings (detector, metric, space, sampler, seed...).</summary>
/// <remarks>A <see cref="FormatException"/>, so the CLI reports it as bad input (exit code 2).</remarks>
public sealed class StudyMismatchException(string message) : FormatException(message);
