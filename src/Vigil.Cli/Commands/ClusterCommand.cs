using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil cluster</c>: run silos of a Vigil cluster on Microsoft Orleans and see what they do.</summary>
public static class ClusterCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context) => new("cluster", "Run a silo of a Vigil cluster (Microsoft Orleans, Redis membership) or show the cluster's silos and jobs.")
    {
        ClusterSiloCommand.Create(context),
        ClusterStatusCommand.Create(context),
    };
}
