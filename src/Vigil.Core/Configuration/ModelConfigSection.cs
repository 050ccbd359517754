namespace Vigil.Configuration;

/// <summary>A detector's section of <c>configs/model_config.yaml</c>: its parameters and where they came from.</summary>
/// <param name="Detector">Registry name (the section's key).</param>
/// <param name="Line">1-based line of the section header.</param>
/// <param name="Parameters">Option values, camelCase keys as in options files.</param>
/// <param name="Provenance">Where the values came from: study, metric, value, split, data, seed, date (UTC), or source.</param>
public sealed record ModelConfigSection(string Detector, int Line, IReadOnlyList<ModelConfigEntry> Parameters, IReadOnlyList<ModelConfigEntry> Provenance);
