using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vigil.Orleans.Cluster;
using Vigil.Orleans.Hosting;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil cluster status</c>: the cluster's silos, their load and their jobs.</summary>
public static class ClusterStatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var cluster = new Option<string?>("--cluster") { Description = "The cluster: redis://HOST:PORT (default: VIGIL_CLUSTER).", HelpName = "URL" };
        var all = new Option<bool>("--all") { Description = "Also list silos the membership table records as dead." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table", HelpName = "table|json" };
        format.AcceptOnlyFromAmong("table", "json");
        var secrets = new ClusterSecretOptions();
        var command = new Command("status", "List the cluster's silos with their load and jobs (running, completed, failed).") { cluster, all, format };
        secrets.AddTo(command);
        command.SetAction(parse =>
        {
            string? url = parse.GetValue(cluster) ?? context.Environment("VIGIL_CLUSTER");
            if (string.IsNullOrWhiteSpace(url))
            {
                throw new CliUsageException("cluster status needs the cluster: --cluster redis://HOST:PORT or the VIGIL_CLUSTER environment variable.");
            }

            var connection = secrets.Apply(ExecutorOptions.ParseUrl(url), parse, context);
            IReadOnlyList<SiloStatusRow> silos;
            try
            {
                silos = Query(connection, parse.GetValue(all), context.Cancellation).GetAwaiter().GetResult();
            }
            catch (ClusterConnectionException e)
            {
                throw new CliUsageException(e.Message);
            }

            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(silos, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
                return CliExitCode.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("silo", "status", "cores", "cpu %", "activations", "jobs running", "jobs done", "jobs failed");
            foreach (var s in silos)
            {
                table.AddRow(Markup.Escape(s.Silo), s.Status, Text(s.Cores), s.CpuUsage is { } cpu ? cpu.ToString("F0", CultureInfo.InvariantCulture) : "-", Text(s.Activations), Text(s.JobsRunning), Text(s.JobsCompleted), Text(s.JobsFailed));
            }

            context.Out.Write(table);
            context.Error.MarkupLine($"{silos.Count(s => s.Status == "Active")} active silo(s) in cluster '{Markup.Escape(connection.ClusterId)}'.");
            return CliExitCode.Ok;
        });
        return command;
    }

    private static async Task<IReadOnlyList<SiloStatusRow>> Query(ClusterConnectionOptions connection, bool all, CancellationToken ct)
    {
        await using var client = await ClusterConnection.ConnectAsync(connection, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        return await ClusterStatus.GetAsync(client.Client, all).ConfigureAwait(false);
    }

    private static string Text<T>(T? value)
        where T : struct, IFormattable => value is { } v ? v.ToString(null, CultureInfo.InvariantCulture) : "-";
}
