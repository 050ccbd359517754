using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Experiments.Tests.Tracking.Mlflow;

/// <summary>
/// The in-process server rejects what MLflow rejects, with MLflow's status codes and error JSON. With
/// VIGIL_MLFLOW_TEST_URI set, the same requests go to a real server, which must answer the same way.
/// </summary>
public sealed class FakeMlflowServerTests : IDisposable
{
    private readonly MlflowTestTarget _target = MlflowTestTarget.Start();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task AnUnknownFieldIsRejected()
    {
        var (status, error) = await PostAsync("experiments/create", new JsonObject { ["name"] = MlflowTestTarget.UniqueName("x"), ["colour"] = "blue" });
        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMissingRequiredFieldIsRejected()
    {
        var (status, error) = await PostAsync("runs/log-batch", new JsonObject { ["metrics"] = new JsonArray() });
        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error["error_code"]!.GetValue<string>());
        Assert.Contains("run_id", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownRunIdIsRejectedAsMissing()
    {
        var (status, error) = await PostAsync("runs/update", new JsonObject { ["run_id"] = new string('0', 32), ["status"] = "FINISHED" });
        Assert.Equal(404, status);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABatchOverTheLimitsIsRejected()
    {
        string runId = await CreateRunAsync();
        var metrics = new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode)new JsonObject { ["key"] = "m", ["value"] = i, ["timestamp"] = 1, ["step"] = i }).ToArray());
        var (status, error) = await PostAsync("runs/log-batch", new JsonObject { ["run_id"] = runId, ["metrics"] = metrics });
        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error["error_code"]!.GetValue<string>());

        var parameters = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["key"] = $"p{i}", ["value"] = "v" }).ToArray());
        (status, _) = await PostAsync("runs/log-batch", new JsonObject { ["run_id"] = runId, ["params"] = parameters });
        Assert.Equal(400, status);

        var within = new JsonArray(Enumerable.Range(0, 1000).Select(i => (JsonNode)new JsonObject { ["key"] = "m", ["value"] = i, ["timestamp"] = 1, ["step"] = i }).ToArray());
        (status, _) = await PostAsync("runs/log-batch", new JsonObject { ["run_id"] = runId, ["metrics"] = within });
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task AChangedParameterValueIsRejected()
    {
        string runId = await CreateRunAsync();
        Assert.Equal(200, (await PostAsync("runs/log-batch", Params(runId, "1"))).Status);
        Assert.Equal(200, (await PostAsync("runs/log-batch", Params(runId, "1"))).Status);
        var (status, error) = await PostAsync("runs/log-batch", Params(runId, "2"));
        Assert.Equal(400, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error["error_code"]!.GetValue<string>());

        static JsonObject Params(string runId, string value) =>
            new() { ["run_id"] = runId, ["params"] = new JsonArray(new JsonObject { ["key"] = "alpha", ["value"] = value }) };
    }

    [Fact]
    public async Task AnUnknownExperimentNameIsNotFound()
    {
        using var response = await _http.GetAsync(new Uri(_target.Uri, "api/2.0/mlflow/experiments/get-by-name?experiment_name=" + MlflowTestTarget.UniqueName("none")));
        Assert.Equal(404, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error["error_code"]!.GetValue<string>());
    }

    private async Task<string> CreateRunAsync()
    {
        var (status, created) = await PostAsync("experiments/create", new JsonObject { ["name"] = MlflowTestTarget.UniqueName("limits") });
        Assert.Equal(200, status);
        var (runStatus, run) = await PostAsync("runs/create", new JsonObject { ["experiment_id"] = created["experiment_id"]!.GetValue<string>(), ["start_time"] = 1 });
        Assert.Equal(200, runStatus);
        return run["run"]!["info"]!["run_id"]!.GetValue<string>();
    }

    private async Task<(int Status, JsonNode Body)> PostAsync(string call, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(_target.Uri, "api/2.0/mlflow/" + call), content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
