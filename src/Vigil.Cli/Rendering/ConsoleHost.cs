using Vigil.Detectors.Onnx;
using Vigil.Detectors.Torch;
using Spectre.Console;
using Vigil.Detection;
using Vigil.Detectors;

namespace Vigil.Cli.Rendering;

/// <summary>The one place that touches the process console.</summary>
public static class ConsoleHost
{
    /// <summary>A context writing to the real stdout/stderr with the built-in detectors.</summary>
    public static CliContext CreateContext()
    {
#pragma warning disable RS0030 // The renderer is the one place allowed to reach the console.
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsOutputRedirected)
        {
            output.Profile.Width = 160;   // tables in logs and pipes should not wrap at 80 columns
        }

        if (Console.IsErrorRedirected)
        {
            error.Profile.Width = 160;
        }
        // Ctrl+C: the first cancels the run (it stops within about a second, writing nothing partial); a second one,
        // while the first is still being honoured, ends the process at once as usual.
        var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        Func<Stream> standardInput = Console.OpenStandardInput;
        Func<Stream> standardOutput = Console.OpenStandardOutput;
#pragma warning restore RS0030
        return new CliContext(output, error, new DetectorRegistry().AddBuiltInDetectors().AddTorchDetectors().AddOnnxDetectors(), Environment.GetEnvironmentVariable)
        {
            StandardInput = standardInput,
            StandardOutput = standardOutput,
            Cancellation = interrupt.Token,
        };
    }
}
