using Xunit;

namespace Vigil.Testing;

/// <summary>A fact that needs the NAB corpus: skipped with a message when it is missing, except under CI, where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NabFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the corpus is missing outside CI.</summary>
    public NabFactAttribute()
    {
        if (NabTestCorpus.TryRoot is null && !NabTestCorpus.IsCi)
        {
            Skip = NabTestCorpus.MissingMessage;
        }
    }
}
