namespace Vigil.Validation;

/// <summary>Finds the names closest to a misspelt one, for "did you mean" messages.</summary>
public static class ClosestNames
{
    /// <summary>Candidates within an edit distance of about a third of the name, closest first.</summary>
    public static IReadOnlyList<string> To(string name, IEnumerable<string> candidates)
    {
        string lower = name.ToLowerInvariant();
        int limit = Math.Max(2, lower.Length / 3);
        return candidates
            .Select(c => (Name: c, Distance: EditDistance(lower, c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || c.Name.Contains(lower, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .ToArray();
    }

    /// <summary>Levenshtein distance.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
