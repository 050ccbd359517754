using Vigil.Testing;

namespace Vigil.Reporting.Tests.Browser;

/// <summary>
/// A fact that drives headless Chromium over the NAB corpus: skipped with the reason when Chromium or the corpus is
/// missing, except under <c>CI=true</c>, where it runs (and fails, naming what is missing; <c>.ci/run</c> installs Chromium).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (NabTestCorpus.IsCi)
        {
            return;
        }

        if (HeadlessChromium.FindExecutable() is null)
        {
            Skip = "Chromium not found (install Debian's 'chromium' package or set VIGIL_CHROMIUM); .ci/run installs it and CI=true makes this test run.";
        }
        else if (NabTestCorpus.TryRoot is null)
        {
            Skip = NabTestCorpus.MissingMessage;
        }
    }
}
