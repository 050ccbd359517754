using Xunit;

namespace Vigil.Testing;

/// <summary>
/// A long check over the NAB corpus that runs only when its environment variable is 1: otherwise a skip that says how
/// to run it (never a pass that checked nothing). Without the corpus it skips as <see cref="NabFactAttribute"/> does.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OptInNabFactAttribute : FactAttribute
{
    /// <summary>Skips unless <paramref name="variable"/> is <c>1</c> (and the corpus is there, outside CI).</summary>
    /// <param name="variable">The switch, e.g. <c>VIGIL_HTM_FULL</c>.</param>
    /// <param name="what">What the check does and costs, for the skip message.</param>
    public OptInNabFactAttribute(string variable, string what)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
        {
            Skip = $"{what}: opt-in, set {variable}=1 to run it.";
        }
        else if (NabTestCorpus.TryRoot is null && !NabTestCorpus.IsCi)
        {
            Skip = NabTestCorpus.MissingMessage;
        }
    }
}
