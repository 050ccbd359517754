using Xunit;

namespace Vigil.Testing;

/// <summary>
/// A slow corpus check that runs only when an environment variable is set to <c>1</c>; otherwise it is
/// skipped with a message naming the variable (a skip, never a silent pass). It also needs the NAB corpus,
/// as <see cref="NabFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NabOptInFactAttribute : FactAttribute
{
    /// <summary>Skips unless <paramref name="variable"/> is <c>1</c> and the corpus is present (or CI, where a missing corpus fails).</summary>
    /// <param name="variable">The environment variable that enables the check, e.g. <c>VIGIL_CONTEXTOSE_FULL</c>.</param>
    public NabOptInFactAttribute(string variable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        Variable = variable;
        if (Environment.GetEnvironmentVariable(variable) != "1")
        {
            Skip = $"Opt-in corpus check: set {variable}=1 to run it.";
        }
        else if (NabTestCorpus.TryRoot is null && !NabTestCorpus.IsCi)
        {
            Skip = NabTestCorpus.MissingMessage;
        }
    }

    /// <summary>The environment variable that enables the check.</summary>
    public string Variable { get; }
}
