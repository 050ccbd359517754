using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Commands;
using Vigil.Detection;
using Vigil.IO;
using Vigil.Validation;

namespace Vigil.Cli;

/// <summary>Builds the command tree and maps failures to exit codes and clear messages.</summary>
public static class VigilApp
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Vigil: anomaly detection on time series, with exact NAB scoring.");
        root.Subcommands.Add(DetectorsCommand.Create(context));
        root.Subcommands.Add(DetectCommand.Create(context));
        root.Subcommands.Add(NabCommand.Create(context));
        root.Subcommands.Add(WindowsCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(ModelCommand.Create(context));
        root.Subcommands.Add(TuneCommand.Create(context));
        root.Subcommands.Add(StudyCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = new AnsiWriter(context.Out),
            Error = new AnsiWriter(context.Error),
            EnableDefaultExceptionHandler = false,
        };

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            }

            context.Error.MarkupLine($"Run '[bold]vigil {Markup.Escape(string.Join(' ', parse.CommandResult.Command.Name == root.Name ? [] : CommandPath(parse.CommandResult.Command)))} --help[/]' for usage.");
            return CliExitCode.UsageError;
        }

        try
        {
            return parse.Invoke(invocation);
        }
        catch (Exception ex) when (IsUsageError(ex))
        {
            context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return CliExitCode.UsageError;
        }
        catch (OperationCanceledException)
        {
            context.Error.MarkupLine("[yellow]cancelled[/]: outputs already completed stay complete; none is half-written.");
            return CliExitCode.RunFailed;
        }
        catch (Exception ex)
        {
            var inner = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerException! : ex;
            if (IsUsageError(inner))
            {
                context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(inner.Message)}");
                return CliExitCode.UsageError;
            }

            context.Error.MarkupLine($"[red]run failed:[/] {Markup.Escape(inner.Message)}");
            if (context.Environment("VIGIL_DEBUG") is "1")
            {
                context.Error.WriteException(inner);
            }

            return CliExitCode.RunFailed;
        }
    }

    private static IEnumerable<string> CommandPath(Command command) => [command.Name];

    private static bool IsUsageError(Exception ex) => ex is CliUsageException or OptionsValidationException or UnknownDetectorException
        or SeriesFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException;

    /// <summary>Adapts an <see cref="IAnsiConsole"/> to the <see cref="TextWriter"/> System.CommandLine writes help to.</summary>
    private sealed class AnsiWriter(IAnsiConsole console) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => console.Write(new Text(value.ToString()));

        public override void Write(string? value) => console.Write(new Text(value ?? ""));

        public override void WriteLine(string? value) => console.WriteLine(value ?? "");
    }
}
