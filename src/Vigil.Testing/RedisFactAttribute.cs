using Xunit;

namespace Vigil.Testing;

/// <summary>
/// A fact that needs a Redis server: <c>VIGIL_TEST_REDIS=HOST:PORT</c> names it (<c>.ci/run</c> installs and starts one
/// on 127.0.0.1 and sets it). Skipped with a message when the variable is absent; with needsCorpus,
/// it also needs the NAB corpus, as <see cref="NabFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute : FactAttribute
{
    /// <summary>The environment variable naming the test Redis.</summary>
    public const string Variable = "VIGIL_TEST_REDIS";

    /// <summary>Skips unless <see cref="Variable"/> is set (and the corpus is there when <paramref name="needsCorpus"/>).</summary>
    /// <param name="needsCorpus">Whether the test also reads the NAB corpus.</param>
    public RedisFactAttribute(bool needsCorpus = false)
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            Skip = $"Needs a Redis server: set {Variable}=HOST:PORT (.ci/run starts one on 127.0.0.1).";
        }
        else if (needsCorpus && NabTestCorpus.TryRoot is null && !NabTestCorpus.IsCi)
        {
            Skip = NabTestCorpus.MissingMessage;
        }
    }

    /// <summary>The Redis endpoint for tests, or null.</summary>
    public static string? Endpoint => Environment.GetEnvironmentVariable(Variable);
}
