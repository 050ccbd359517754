using System.Globalization;
using System.Text;
using Vigil.Experiments.Tracking;
using Vigil.Experiments.Tracking.Mlflow;
using Vigil.Testing;
using Vigil.Testing.Mlflow;

namespace Vigil.Experiments.Tests.Tracking.Mlflow;

/// <summary>The MLflow client against the in-process server, or a real one named by VIGIL_MLFLOW_TEST_URI.</summary>
public sealed class MlflowTrackerTests
{
    [Fact]
    public async Task ARunWithMoreMetricsThanOneBatchHoldsArrivesWhole()
    {
        using var target = MlflowTestTarget.Start();
        using var http = new HttpClient();
        var time = new InstantTimeProvider();
        var tracker = new MlflowTracker(new MlflowClient(http, target.Uri, null, RetryPolicy.Default(time)), time);
        string experiment = MlflowTestTarget.UniqueName("chunks");

        string runId;
        await using (var run = await tracker.StartRunAsync(experiment, new Dictionary<string, string> { ["team"] = "vigil" }))
        {
            runId = run.Id;
            run.LogParameters(Enumerable.Range(0, 150).ToDictionary(i => $"p{i:D3}", i => i.ToString(CultureInfo.InvariantCulture)));
            for (int step = 0; step < 2300; step++)
            {
                run.LogMetric("loss", 1.0 / (step + 1), step);
                time.Advance(TimeSpan.FromMilliseconds(10));
            }

            run.LogMetric("f1", 0.75);
            run.SetTag("model.path", "models/trained/x/1");
            await run.LogArtifactAsync("reports/summary.txt", new MemoryStream(Encoding.UTF8.GetBytes("hello")));
            run.Complete();
        }

        var got = (await MlflowTestTarget.GetJsonAsync(http, target.Uri, $"api/2.0/mlflow/runs/get?run_id={runId}"))["run"]!;
        Assert.Equal("FINISHED", got["info"]!["status"]!.GetValue<string>());
        Assert.NotNull(got["info"]!["end_time"]);
        var parameters = got["data"]!["params"]!.AsArray();
        Assert.Equal(150, parameters.Count);
        var tags = got["data"]!["tags"]!.AsArray().ToDictionary(t => t!["key"]!.GetValue<string>(), t => t!["value"]!.GetValue<string>());
        Assert.Equal("vigil", tags["team"]);
        Assert.Equal("models/trained/x/1", tags["model.path"]);

        var history = (await MlflowTestTarget.GetJsonAsync(http, target.Uri, $"api/2.0/mlflow/metrics/get-history?run_id={runId}&metric_key=loss"))["metrics"]!.AsArray();
        Assert.Equal(2300, history.Count);
        var steps = history.Select(m => m!["step"]!.GetValue<long>()).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 2300).Select(i => (long)i), steps);
        var last = history.Single(m => m!["step"]!.GetValue<long>() == 2299)!;
        Assert.Equal(1.0 / 2300, last["value"]!.GetValue<double>());
        // Timestamps come from the injected clock: 10 ms apart.
        long first = history.Single(m => m!["step"]!.GetValue<long>() == 0)!["timestamp"]!.GetValue<long>();
        Assert.Equal(first + (2299 * 10), last["timestamp"]!.GetValue<long>());

        string artifactUri = got["info"]!["artifact_uri"]!.GetValue<string>();
        string root = MlflowUri.ProxiedArtifactPath(artifactUri)!;
        using var artifact = await http.GetAsync(new Uri(target.Uri, $"api/2.0/mlflow-artifacts/artifacts/{root}/reports/summary.txt"));
        Assert.Equal("hello", await artifact.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LogBatchIsSplitIntoRequestsWithinTheLimits()
    {
        using var server = FakeMlflowServer.Start();
        using var http = new HttpClient();
        var time = new InstantTimeProvider();
        var tracker = new MlflowTracker(new MlflowClient(http, server.Uri, null, RetryPolicy.Default(time)), time);
        await using (var run = await tracker.StartRunAsync("limits"))
        {
            run.LogParameters(Enumerable.Range(0, 250).ToDictionary(i => $"p{i}", i => "v"));
            for (int i = 0; i < 2500; i++)
            {
                run.LogMetric("m", i, i);
            }

            run.Complete();
        }

        // 250 params + 2,500 metrics: the first two batches carry 100 params and 900 metrics each, the third 50 params
        // and 700 metrics: three requests, every one accepted (the server rejects any batch over the limits).
        Assert.Equal(3, server.Requests.Count(r => r.EndsWith("/runs/log-batch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TransientServerErrorsAreRetriedAndTheRunStillArrives()
    {
        using var server = FakeMlflowServer.Start();
        using var http = new HttpClient();
        var time = new InstantTimeProvider();
        var tracker = new MlflowTracker(new MlflowClient(http, server.Uri, null, RetryPolicy.Default(time)), time);
        server.FailNext(3, 503);
        await using (var run = await tracker.StartRunAsync("flaky"))
        {
            run.LogMetric("x", 1);
            run.Complete();
        }

        Assert.Equal(new[] { 0.5, 1, 2 }, time.Delays.Select(d => d.TotalSeconds));
        Assert.Contains(server.Requests, r => r.EndsWith("/runs/update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BearerAndBasicCredentialsComeFromMlflowsEnvironmentVariables()
    {
        using var bearer = FakeMlflowServer.Start("Bearer tok-123");
        using var http = new HttpClient();
        var time = new InstantTimeProvider();
        var env = new Dictionary<string, string?> { ["MLFLOW_TRACKING_TOKEN"] = "tok-123" };
        var withToken = new MlflowClient(http, bearer.Uri, MlflowCredentials.FromEnvironment(n => env.GetValueOrDefault(n)), RetryPolicy.Default(time));
        Assert.NotNull(await withToken.GetOrCreateExperimentAsync("auth"));

        var anonymous = new MlflowClient(http, bearer.Uri, null, RetryPolicy.Default(time));
        var denied = await Assert.ThrowsAsync<MlflowException>(() => anonymous.GetOrCreateExperimentAsync("auth"));
        Assert.Equal(401, denied.StatusCode);
        Assert.Equal("UNAUTHENTICATED", denied.ErrorCode);
        Assert.Empty(time.Delays);   // a rejection is not retried

        string basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:pw:with:colons"));
        using var basicServer = FakeMlflowServer.Start(basic);
        var userEnv = new Dictionary<string, string?> { ["MLFLOW_TRACKING_USERNAME"] = "ann", ["MLFLOW_TRACKING_PASSWORD"] = "pw:with:colons" };
        var credentials = MlflowCredentials.FromEnvironment(n => userEnv.GetValueOrDefault(n));
        Assert.Equal("Basic ***", credentials!.ToString());
        Assert.NotNull(await new MlflowClient(http, basicServer.Uri, credentials, RetryPolicy.Default(time)).GetOrCreateExperimentAsync("auth"));
    }

    [Fact]
    public async Task AnExperimentCreatedConcurrentlyIsFoundInsteadOfFailing()
    {
        using var target = MlflowTestTarget.Start();
        using var http = new HttpClient();
        var client = new MlflowClient(http, target.Uri, null, RetryPolicy.Default(new InstantTimeProvider()));
        string name = MlflowTestTarget.UniqueName("race");
        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetOrCreateExperimentAsync(name)));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public void UrisArePrintedWithoutCredentials()
    {
        Assert.Equal("https://mlflow.example.com/prefix", MlflowUri.Redact(new Uri("https://ann:secret@mlflow.example.com/prefix/?token=abc")));
        Assert.Equal("1/abc/artifacts", MlflowUri.ProxiedArtifactPath("mlflow-artifacts:/1/abc/artifacts"));
        Assert.Equal("1/abc/artifacts", MlflowUri.ProxiedArtifactPath("mlflow-artifacts://host:5000/1/abc/artifacts"));
        Assert.Null(MlflowUri.ProxiedArtifactPath("s3://bucket/1/abc/artifacts"));
    }
}
