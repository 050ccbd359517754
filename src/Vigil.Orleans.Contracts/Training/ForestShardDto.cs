namespace Vigil.Orleans.Training;

/// <summary>A fitted shard of an isolation forest, as <c>IsolationForestShard.ToBytes</c> writes it.</summary>
/// <param name="FirstTree">Index of the shard's first tree.</param>
/// <param name="EndTree">One past the shard's last tree.</param>
/// <param name="Trees">The shard's bytes.</param>
/// <param name="Silo">The silo that fitted it (for reports).</param>
/// <param name="Fit">Time the silo spent fitting it.</param>
[GenerateSerializer, Immutable]
public sealed record ForestShardDto(int FirstTree, int EndTree, byte[] Trees, string Silo, TimeSpan Fit);
