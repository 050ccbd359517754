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
        root.Subcommands.Add(RunsCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(CorpusCommand.Create(context));
        root.Subcommands.Add(PlotCommand.Create(context));
        root.Subcommands.Add(SynthCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(TuneCommand.Create(context));
        root.Subcommands.Add(StudyCommand.Create(context));
        root.Subcommands.Add(ClusterCommand.Create(context));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    /// <remarks>
    /// <c>vigil</c> alone, or a command group alone (<c>vigil nab</c>), prints that command's help on stdout and exits
    /// 0, as <c>git</c>-style tools with subcommands do for a bare group; <c>--version</c> works after any command.
    /// Usage errors name the full command (<c>vigil nab run --help</c>) and suggest the closest option or command.
    /// </remarks>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);
        var invocation = new InvocationConfiguration
        {
            Output = new AnsiWriter(context.Out),
            Error = new AnsiWriter(context.Error),
            EnableDefaultExceptionHandler = false,
        };

        if (args.Contains("--version", StringComparer.Ordinal))
        {
            context.Out.WriteLine(Version);
            return CliExitCode.Ok;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            if (command.Action is null && command.Subcommands.Count > 0 && parse.UnmatchedTokens.Count == 0
                && parse.Errors.All(e => e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)))
            {
                // A bare group: its help is what the user needs.
                return root.Parse([.. CommandPath(parse.CommandResult).Skip(1), "--help"]).Invoke(invocation);
            }

            foreach (string message in UsageErrors.Describe(parse, args))
            {
                context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
            }

            context.Error.MarkupLine($"Run '[bold]{Markup.Escape(string.Join(' ', CommandPath(parse.CommandResult)))} --help[/]' for usage.");
            return CliExitCode.UsageError;
        }

        try
        {
            return parse.Invoke(invocation);
        }
        catch (Exception ex) when (IsUsageError(ex))
        {
            context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(UserMessage(ex))}");
            return CliExitCode.UsageError;
        }
        catch (OperationCanceledException)
        {
            context.Error.MarkupLine("[yellow]interrupted[/]: outputs already completed stay complete; none is half-written.");
            return CliExitCode.Interrupted;
        }
        catch (Exception ex)
        {
            var inner = ex is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerException! : ex;
            if (inner is OperationCanceledException)
            {
                context.Error.MarkupLine("[yellow]interrupted[/]: outputs already completed stay complete; none is half-written.");
                return CliExitCode.Interrupted;
            }

            if (IsUsageError(inner))
            {
                context.Error.MarkupLine($"[red]error:[/] {Markup.Escape(UserMessage(inner))}");
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

    /// <summary>The tool's version, as <c>--version</c> prints it.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(VigilApp).Assembly;
            string? informational = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)?.InformationalVersion;
            return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "0";
        }
    }

    /// <summary>The words that invoke <paramref name="result"/>'s command, from <c>vigil</c> down (e.g. <c>vigil nab run</c>).</summary>
    internal static IReadOnlyList<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
            {
                names.Add(c.Command is RootCommand ? "vigil" : c.Command.Name);
            }
        }

        names.Reverse();
        return names;
    }

    private static bool IsUsageError(Exception ex) => ex is CliUsageException or OptionsValidationException or UnknownDetectorException
        or SeriesFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException
        or UnauthorizedAccessException or Vigil.Experiments.Tracking.UnknownExperimentException
        or Vigil.Evaluation.Nab.NabScoringException;

    private static string UserMessage(Exception ex) => ex switch
    {
        UnauthorizedAccessException => $"permission denied: {ex.Message}",
        _ => ex.Message,
    };

    /// <summary>Adapts an <see cref="IAnsiConsole"/> to the <see cref="TextWriter"/> System.CommandLine writes help to.</summary>
    private sealed class AnsiWriter(IAnsiConsole console) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => console.Write(new Text(value.ToString()));

        public override void Write(string? value) => console.Write(new Text(value ?? ""));

        public override void WriteLine(string? value) => console.WriteLine(value ?? "");
    }
}
