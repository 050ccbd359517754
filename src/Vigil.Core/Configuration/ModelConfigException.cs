namespace Vigil.Configuration;

/// <summary>
/// A model config file that cannot be used; the message starts with <c>file:line:</c>. A <see cref="FormatException"/>,
/// so the CLI reports it as bad input (exit code 2).
/// </summary>
public sealed class ModelConfigException(string message) : FormatException(message);
