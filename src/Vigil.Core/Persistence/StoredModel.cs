namespace Vigil.Persistence;

/// <summary>One model version in a <see cref="ModelRepository"/>.</summary>
/// <param name="Name">The model's name (its folder).</param>
/// <param name="Version">Its version: 1, 2, ... for <c>&lt;name&gt;/&lt;version&gt;/model.vigil</c>; 0 for a model in an
/// older layout (<c>&lt;name&gt;/model.vigil</c> or a <c>vigil.trained-model/1</c> folder).</param>
/// <param name="Path">The archive file, or the folder of an old trained-model folder.</param>
/// <param name="IsTrainedModelFolder">Whether <paramref name="Path"/> is a <c>vigil.trained-model/1</c> folder.</param>
public sealed record StoredModel(string Name, int Version, string Path, bool IsTrainedModelFolder)
{
    /// <summary><c>name@version</c>.</summary>
    public override string ToString() => $"{Name}@{Version}";
}
