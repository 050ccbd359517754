namespace Vigil.Evaluation.Nab;

/// <summary>A scoring request that cannot be carried out as asked (missing results, no thresholds, an output inside the corpus); the message says what to do.</summary>
public sealed class NabScoringException : Exception
{
    /// <summary>Creates the exception with the user-facing <paramref name="message"/>.</summary>
    public NabScoringException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an empty message.</summary>
    public NabScoringException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NabScoringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
