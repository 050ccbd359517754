namespace Vigil.Cli;

/// <summary>The tool's exit codes.</summary>
public static class CliExitCode
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The run started but failed (a detector error, an I/O failure while writing).</summary>
    public const int RunFailed = 1;

    /// <summary>Bad usage or bad input: unknown command or option, invalid options, missing or malformed files.</summary>
    public const int UsageError = 2;

    /// <summary>Interrupted (Ctrl+C / SIGINT): 128 + the signal number, as shells report it. Nothing half-written stays.</summary>
    public const int Interrupted = 130;
}
