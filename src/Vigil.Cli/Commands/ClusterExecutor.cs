using Spectre.Console;
using Vigil.Evaluation.Execution;
using Vigil.Orleans.Hosting;
using Vigil.Orleans.Jobs;

namespace Vigil.Cli.Commands;

/// <summary>The executor a command's jobs run on: null (the runner's local default) or a connected Orleans executor, disconnected on dispose.</summary>
public sealed class ClusterExecutor : IDisposable
{
    private readonly CliContext _context;
    private readonly OrleansJobExecutor? _orleans;

    private ClusterExecutor(CliContext context, OrleansJobExecutor? orleans)
    {
        _context = context;
        _orleans = orleans;
    }

    /// <summary>The executor to hand the runner; null = local.</summary>
    public IJobExecutor? Executor => _orleans;

    /// <summary>The connected cluster's grain factory (distributed training); null = local.</summary>
    public global::Orleans.IGrainFactory? Grains => _orleans?.Grains;

    /// <summary>Connects to <paramref name="cluster"/> (nothing when null).</summary>
    /// <param name="context">The CLI context.</param>
    /// <param name="cluster">The cluster, or null for the local executor.</param>
    /// <param name="parallelism">Jobs in flight on the cluster; 0 = the cluster's cores.</param>
    /// <exception cref="CliUsageException">The cluster cannot be reached or joined.</exception>
    public static ClusterExecutor Open(CliContext context, ClusterConnectionOptions? cluster, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (cluster is null)
        {
            return new ClusterExecutor(context, null);
        }

        try
        {
            var orleans = OrleansJobExecutor.ConnectAsync(cluster, new OrleansJobExecutorOptions { MaxInFlight = parallelism }, context.Cancellation).GetAwaiter().GetResult();
            context.Error.MarkupLine($"[grey]executor: Orleans cluster '{Markup.Escape(cluster.ClusterId)}' (Redis {Markup.Escape(cluster.Redis)})[/]");
            return new ClusterExecutor(context, orleans);
        }
        catch (ClusterConnectionException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    /// <summary>Says how many jobs were re-submitted because their silo was lost (nothing when none).</summary>
    public void ReportResubmissions()
    {
        if (_orleans is { Resubmitted: > 0 } orleans)
        {
            _context.Error.MarkupLine($"[yellow]{orleans.Resubmitted} job(s) re-submitted[/] after their silo was lost; each counted once.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _orleans?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
