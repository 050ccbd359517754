using System.Text.Json.Nodes;
using Vigil.Testing.Mlflow;

namespace Vigil.Experiments.Tests.Tracking.Mlflow;

/// <summary>
/// The MLflow server the shape and rejection tests talk to: the in-process <see cref="FakeMlflowServer"/>, or the real
/// server <c>VIGIL_MLFLOW_TEST_URI</c> names (e.g. <c>mlflow server --host 127.0.0.1 --port 5000</c>).
/// </summary>
internal sealed class MlflowTestTarget : IDisposable
{
    public const string Variable = "VIGIL_MLFLOW_TEST_URI";

    private readonly FakeMlflowServer? _fake;

    private MlflowTestTarget(Uri uri, FakeMlflowServer? fake)
    {
        Uri = uri;
        _fake = fake;
    }

    public Uri Uri { get; }

    public static MlflowTestTarget Start() => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } real
        ? new MlflowTestTarget(new Uri(real), null)
        : Fake(FakeMlflowServer.Start());

    public static MlflowTestTarget Fake(FakeMlflowServer server) => new(server.Uri, server);

    /// <summary>A name no earlier run against a real server used.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static async Task<JsonNode> GetJsonAsync(HttpClient http, Uri server, string relative)
    {
        using var response = await http.GetAsync(new Uri(server, relative));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{relative}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public void Dispose() => _fake?.Dispose();
}
