using System.Text.Json;

namespace Vigil.Cli.Commands;

/// <summary>What <c>vigil nab run</c> and <c>vigil nab benchmark</c> were asked to run.</summary>
/// <param name="Detector">Registry name.</param>
/// <param name="Options">Detector options as JSON; null = defaults.</param>
/// <param name="NabRoot">Corpus folder.</param>
/// <param name="ResultsRoot">Results folder.</param>
/// <param name="FileGlob">Optional glob over paths under data/.</param>
/// <param name="Category">Optional category.</param>
/// <param name="Parallelism">Files at once; 0 = all cores.</param>
/// <param name="ScoreDigits">Significant digits of written scores (NAB's harness: 12); 0 = full precision.</param>
/// <param name="Resume">Skip files whose complete results of the same detector and options exist.</param>
/// <param name="Quiet">Show no progress.</param>
/// <param name="Cluster">The Orleans cluster to run the jobs on (<c>--executor orleans</c>); null = this machine's cores.</param>
public sealed record NabRunRequest(string Detector, JsonElement? Options, string NabRoot, string ResultsRoot, string? FileGlob, string? Category, int Parallelism, int ScoreDigits, bool Resume = false, bool Quiet = false, Vigil.Orleans.Hosting.ClusterConnectionOptions? Cluster = null);
