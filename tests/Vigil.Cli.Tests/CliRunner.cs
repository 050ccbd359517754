using Spectre.Console;
using Vigil.Detection;
using Vigil.Detectors;

namespace Vigil.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal sealed class CliRunner
{
    private readonly Dictionary<string, string?> _environment = new();
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

    public CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var rawStdout = new MemoryStream();
        var context = new CliContext(Console(stdout), Console(stderr), new DetectorRegistry().AddBuiltInDetectors(),
            name => _environment.TryGetValue(name, out var v) ? v : null)
        {
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
