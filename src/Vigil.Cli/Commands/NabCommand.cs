using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil nab</c>: run detectors over the NAB corpus and score them exactly as NAB does.</summary>
public static class NabCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context) => new("nab", "Run and score detectors on the Numenta Anomaly Benchmark (NAB v1.1).")
    {
        NabRunCommand.Create(context),
        NabScoreCommand.Create(context),
        NabBenchmarkCommand.Create(context),
    };
}
