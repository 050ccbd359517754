using System.Text.Json;
using Vigil.Reporting;
using Vigil.Tuning;

namespace Vigil.Cli.Commands;

/// <summary>
/// Turns a study as the tuning store keeps it (<see cref="StudyRecord"/> and its <see cref="Vigil.Tuning.TrialRecord"/>s)
/// into the report's <see cref="StudyView"/> (here, in the CLI, because Reporting does not depend on Tuning): <c>vigil report --study NAME</c> reads the store and hands the trials here.
/// </summary>
public static class TuningStudyView
{
    /// <summary>Maps <paramref name="study"/> and its <paramref name="trials"/> to the tuning view's model.</summary>
    /// <remarks>
    /// The store keeps every parameter as a number; a categorical parameter's number is the index of its choice. The
    /// study's space description (<see cref="StudyRecord.Space"/>: <c>{"name": "categorical a,b,c"}</c>) names the
    /// choices, so the view shows <c>b</c> rather than <c>1</c>.
    /// </remarks>
    public static StudyView From(StudyRecord study, IReadOnlyList<Vigil.Tuning.TrialRecord> trials)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(trials);
        var choices = CategoricalChoices(study.Space);
        var records = trials.Select(t => new Vigil.Reporting.TrialRecord(
            t.Number,
            t.State.ToString().ToLowerInvariant(),
            t.State == TrialState.Complete ? t.Value : null,
            t.Parameters.ToDictionary(
                p => p.Key,
                p => choices.TryGetValue(p.Key, out var names) && p.Value >= 0 && p.Value < names.Length && p.Value == Math.Floor(p.Value)
                    ? (object)names[(int)p.Value]
                    : p.Value,
                StringComparer.Ordinal),
            t.Started,
            t.Finished)).ToList();
        return new StudyView(study.Name, study.Direction == StudyDirection.Maximize, $"{study.Metric} ({study.Detector})", records);
    }

    private static Dictionary<string, string[]> CategoricalChoices(string space)
    {
        var choices = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(space))
        {
            return choices;
        }

        try
        {
            using var doc = JsonDocument.Parse(space);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return choices;
            }

            foreach (var p in doc.RootElement.EnumerateObject())
            {
                const string prefix = "categorical ";
                if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { } text && text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    string list = text[prefix.Length..];
                    int when = list.IndexOf(" when ", StringComparison.Ordinal);
                    choices[p.Name] = (when >= 0 ? list[..when] : list).Split(',');
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable description only costs the choice names: the view then shows the indices.
        }

        return choices;
    }
}
