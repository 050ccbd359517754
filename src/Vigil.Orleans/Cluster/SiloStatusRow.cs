namespace Vigil.Orleans.Cluster;

/// <summary>One silo in <c>vigil cluster status</c>.</summary>
/// <param name="Silo">Its address (host:port@generation).</param>
/// <param name="Status">Its membership status (Active, ShuttingDown, Dead, ...).</param>
/// <param name="Cores">Processor count of its machine (null until it reported).</param>
/// <param name="CpuUsage">CPU use in percent, as the runtime measures it (null when unknown).</param>
/// <param name="Activations">Grain activations on it (null when unknown).</param>
/// <param name="JobsRunning">Jobs running on it (null until it reported).</param>
/// <param name="JobsCompleted">Jobs it finished since it started.</param>
/// <param name="JobsFailed">Jobs that threw on it.</param>
public sealed record SiloStatusRow(string Silo, string Status, int? Cores, double? CpuUsage, int? Activations, int? JobsRunning, long? JobsCompleted, long? JobsFailed);
