using Spectre.Console;
using Vigil.Detection;
using Vigil.Detectors;

namespace Vigil.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal sealed class CliRunner
{
    private readonly Dictionary<string, string?> _environment = new();
    private readonly DetectorRegistry _registry;
    private TimeProvider _time = TimeProvider.System;

    /// <param name="allDetectors">Also register the Torch and ONNX detectors (as the real tool does).</param>
    public CliRunner(bool allDetectors = false)
    {
        _registry = new DetectorRegistry().AddBuiltInDetectors();
        if (allDetectors)
        {
            Vigil.Detectors.Onnx.OnnxDetectors.AddOnnxDetectors(Vigil.Detectors.Torch.TorchDetectors.AddTorchDetectors(_registry));
        }
    }

    private byte[] _stdin = [];
    private CancellationToken _cancellation;

    public CliRunner WithStdin(string text)
    {
        _stdin = System.Text.Encoding.UTF8.GetBytes(text);
        return this;
    }

    public CliRunner WithCancellation(CancellationToken cancellation)
    {
        _cancellation = cancellation;
        return this;
    }

    public CliRunner WithEnvironment(string name, string? value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Uses <paramref name="time"/> as the CLI's clock (e.g. one whose retry waits are instant).</summary>
    public CliRunner WithTime(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <summary>Registers the TorchSharp detectors too (lstm-autoencoder).</summary>
    public CliRunner WithTorchDetectors()
    {
        Vigil.Detectors.Torch.TorchDetectors.AddTorchDetectors(_registry);
        return this;
    }

    public CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var rawStdout = new MemoryStream();
        var context = new CliContext(Console(stdout), Console(stderr), _registry,
            name => _environment.TryGetValue(name, out var v) ? v : null)
        {
            Time = _time,
            StandardInput = () => new MemoryStream(_stdin),
            StandardOutput = () => rawStdout,
            Cancellation = _cancellation,
        };
        int code = VigilApp.Run(args, context);
        return new CliResult(code, stdout.ToString() + System.Text.Encoding.UTF8.GetString(rawStdout.ToArray()), stderr.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
