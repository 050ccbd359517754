using Spectre.Console;
using Vigil.Detection;

namespace Vigil.Cli;

/// <summary>What every command needs: where to write, the detector registry, the environment.</summary>
/// <param name="Out">Standard output (tables, results).</param>
/// <param name="Error">Standard error (progress, warnings, errors).</param>
/// <param name="Registry">The detectors the tool knows.</param>
/// <param name="Environment">Reads an environment variable (injected so tests can run in-process).</param>
public sealed record CliContext(IAnsiConsole Out, IAnsiConsole Error, DetectorRegistry Registry, Func<string, string?> Environment)
{
    /// <summary>Opens standard input, read by <c>--input -</c> (tests inject a stream; nothing by default).</summary>
    public Func<Stream> StandardInput { get; init; } = () => Stream.Null;

    /// <summary>Opens standard output as bytes, written by <c>--out -</c> (tests inject a stream; nothing by default).</summary>
    public Func<Stream> StandardOutput { get; init; } = () => Stream.Null;

    /// <summary>Signalled when the user interrupts (Ctrl+C): long work stops within about a second and writes nothing partial.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The clock: stamps tracked runs and waits between retries (tests pass one whose waits are instant).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
