using System.Text.Json;

namespace Vigil.Evaluation.Nab;

/// <summary>A NAB cost profile: the weights of true positives, false positives and false negatives (nab-scoring.md §3).</summary>
/// <param name="Name">Profile name, used verbatim in file names and JSON keys (e.g. <c>standard</c>).</param>
/// <param name="TpWeight">Weight of a detected window; also the value of the perfect detector per window. Positive.</param>
/// <param name="FpWeight">Largest cost of one false-positive row. Non-negative.</param>
/// <param name="FnWeight">Cost of a missed window. Non-negative.</param>
/// <param name="TnWeight">Carried for completeness; NAB never uses it.</param>
public sealed record NabProfile(string Name, double TpWeight, double FpWeight, double FnWeight, double TnWeight)
{
    /// <summary>The <c>standard</c> profile: tp 1, fp 0.11, fn 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0, 1.0);

    /// <summary>The <c>reward_low_FP_rate</c> profile: tp 1, fp 0.22, fn 1.</summary>
    public static NabProfile RewardLowFp { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0, 1.0);

    /// <summary>The <c>reward_low_FN_rate</c> profile: tp 1, fp 0.11, fn 2.</summary>
    public static NabProfile RewardLowFn { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0, 1.0);

    /// <summary>The three shipped profiles in NAB's order.</summary>
    public static IReadOnlyList<NabProfile> Defaults { get; } = [Standard, RewardLowFp, RewardLowFn];

    /// <summary>
    /// Reads <c>config/profiles.json</c>: <c>{ "&lt;name&gt;": { "CostMatrix": { "tpWeight": …, "fpWeight": …, "fnWeight": …, "tnWeight": … } } }</c>.
    /// Profiles are returned in file order.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The JSON is malformed or a weight is missing or not a finite number.</exception>
    public static IReadOnlyList<NabProfile> LoadAll(string profilesJsonPath)
    {
        ArgumentNullException.ThrowIfNull(profilesJsonPath);
        if (!File.Exists(profilesJsonPath))
        {
            throw new FileNotFoundException($"NAB profiles file not found: {profilesJsonPath}", profilesJsonPath);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(profilesJsonPath), new JsonDocumentOptions { AllowTrailingCommas = true });
            var profiles = new List<NabProfile>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.Value.TryGetProperty("CostMatrix", out var matrix))
                {
                    throw new FormatException($"{profilesJsonPath}: profile '{property.Name}' has no 'CostMatrix'.");
                }

                profiles.Add(new NabProfile(
                    property.Name,
                    Weight(profilesJsonPath, property.Name, matrix, "tpWeight"),
                    Weight(profilesJsonPath, property.Name, matrix, "fpWeight"),
                    Weight(profilesJsonPath, property.Name, matrix, "fnWeight"),
                    matrix.TryGetProperty("tnWeight", out _) ? Weight(profilesJsonPath, property.Name, matrix, "tnWeight") : 1.0));
            }

            if (profiles.Count == 0)
            {
                throw new FormatException($"{profilesJsonPath}: no profiles defined.");
            }

            return profiles;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{profilesJsonPath}: not valid JSON ({e.Message}).", e);
        }
    }

    private static double Weight(string path, string profile, JsonElement matrix, string name)
    {
        if (!matrix.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number || !double.IsFinite(element.GetDouble()))
        {
            throw new FormatException($"{path}: profile '{profile}' needs a finite number '{name}' in its CostMatrix.");
        }

        return element.GetDouble();
    }
}
