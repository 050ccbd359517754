using Vigil.Testing;
using Xunit;

namespace Vigil.Detectors.Tests.Artime;

/// <summary>
/// A fact for the full 58-file ARTime parity check: skipped with the reason unless <c>VIGIL_ARTIME_FULL=1</c>; then it
/// needs the NAB corpus like <see cref="NabFactAttribute"/> (skipped without it, failing under CI).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ArtimeFullParityFactAttribute : FactAttribute
{
    public const string Variable = "VIGIL_ARTIME_FULL";

    public ArtimeFullParityFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"The 58-file ARTime parity check is opt-in: set {Variable}=1 (about 20 s on two cores).";
        }
        else if (NabTestCorpus.TryRoot is null && !NabTestCorpus.IsCi)
        {
            Skip = NabTestCorpus.MissingMessage;
        }
    }
}
