using Vigil.Evaluation.Nab;

namespace Vigil.Tuning.Splits;

/// <summary>Which corpus files a study tunes on and which it holds out to report on.</summary>
/// <param name="Tune">Files the objective sees.</param>
/// <param name="Holdout">Files only the final report scores.</param>
/// <param name="Description">How the split was made, in words (stored with the study and the config provenance).</param>
public sealed record FileSplit(IReadOnlyList<NabDataFile> Tune, IReadOnlyList<NabDataFile> Holdout, string Description)
{
    /// <summary>
    /// Splits <paramref name="files"/> of <paramref name="corpus"/>: those matching <paramref name="holdoutGlob"/> are held out; without a glob, the
    /// files sorted by path alternate (even positions tune, odd ones are held out), which spreads both halves over
    /// every category.
    /// </summary>
    /// <exception cref="ArgumentException">One side would be empty.</exception>
    public static FileSplit Create(NabCorpus corpus, IReadOnlyList<NabDataFile> files, string? holdoutGlob)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(files);
        var sorted = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
        NabDataFile[] tune, holdout;
        string description;
        if (holdoutGlob is not null)
        {
            var matching = corpus.Filter(null, holdoutGlob).Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
            holdout = sorted.Where(f => matching.Contains(f.RelativePath)).ToArray();
            tune = sorted.Except(holdout).ToArray();
            description = $"tune on {tune.Length} files, hold out {holdout.Length} matching '{holdoutGlob}'";
        }
        else
        {
            tune = sorted.Where((_, i) => i % 2 == 0).ToArray();
            holdout = sorted.Where((_, i) => i % 2 == 1).ToArray();
            description = $"tune on {tune.Length} files (even positions by path), hold out {holdout.Length} (odd positions)";
        }

        if (tune.Length == 0)
        {
            throw new ArgumentException($"No file is left to tune on ({files.Count} selected, {holdout.Length} held out).");
        }

        if (holdout.Length == 0)
        {
            throw new ArgumentException(holdoutGlob is null
                ? $"Only {files.Count} file selected: nothing is left to hold out. Select at least two files."
                : $"No selected file matches --holdout-files '{holdoutGlob}'.");
        }

        return new FileSplit(tune, holdout, description);
    }
}
