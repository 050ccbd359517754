namespace Vigil.Orleans.Training;

/// <summary>Fit trees [<paramref name="FirstTree"/>, <paramref name="EndTree"/>) of an isolation forest on a series.</summary>
/// <param name="OptionsJson">The forest's options as JSON (camelCase, as <c>--options</c> files); the seed decides every tree.</param>
/// <param name="Values">The whole training series (each tree samples from all of its windows).</param>
/// <param name="FirstTree">Index of the shard's first tree.</param>
/// <param name="EndTree">One past the shard's last tree.</param>
[GenerateSerializer, Immutable]
public sealed record ForestShardRequestDto(string OptionsJson, double[] Values, int FirstTree, int EndTree);
