namespace Vigil.Cli;

/// <summary>A usage or input problem the user can fix; reported without a stack trace, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
