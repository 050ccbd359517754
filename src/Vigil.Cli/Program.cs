using Vigil.Cli.Rendering;

namespace Vigil.Cli;

/// <summary>Entry point of the <c>vigil</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the CLI; returns 0 on success, 1 when a run failed, 2 for usage or input errors.</summary>
    public static int Main(string[] args) => VigilApp.Run(args, ConsoleHost.CreateContext());
}
