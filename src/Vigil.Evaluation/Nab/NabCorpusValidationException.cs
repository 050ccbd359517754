namespace Vigil.Evaluation.Nab;

/// <summary>Data files of a run that cannot be read; every problem is listed, each naming its file and line.</summary>
public sealed class NabCorpusValidationException : FormatException
{
    /// <summary>Creates the exception from one message per bad file.</summary>
    public NabCorpusValidationException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>One message per bad file, in corpus order.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"{problems.Count} data file(s) cannot be read; nothing was run:\n  " + string.Join("\n  ", problems);
    }
}
