using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>
/// The calls of MLflow's REST API 2.0 (as MLflow 2.x serves it) that tracking needs: experiments get-by-name and
/// create, runs create, update and log-batch, and artifact upload through the server's artifact proxy
/// (<c>PUT /api/2.0/mlflow-artifacts/artifacts/&lt;path&gt;</c>, <c>mlflow server --serve-artifacts</c>, the default
/// since 2.0). Transient failures (no connection, timeouts, 429, 5xx) are retried by the <see cref="RetryPolicy"/>.
/// </summary>
/// <remarks>Thread safe. Credentials go into each request's Authorization header and nowhere else.</remarks>
public sealed class MlflowClient
{
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly MlflowCredentials? _credentials;
    private readonly RetryPolicy _retry;

    /// <summary>A client of the server at <paramref name="trackingUri"/>.</summary>
    /// <param name="http">Sends the requests (its lifetime is the caller's).</param>
    /// <param name="trackingUri">The server, e.g. <c>http://127.0.0.1:5000</c> (a path prefix is kept).</param>
    /// <param name="credentials">Authentication, or null.</param>
    /// <param name="retry">Retries of transient failures.</param>
    public MlflowClient(HttpClient http, Uri trackingUri, MlflowCredentials? credentials, RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(trackingUri);
        _http = http;
        _base = new Uri(trackingUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        _credentials = credentials;
        _retry = retry ?? throw new ArgumentNullException(nameof(retry));
        Label = MlflowUri.Redact(trackingUri);
    }

    /// <summary>The server's URI without credentials.</summary>
    public string Label { get; }

    /// <summary>The id of the experiment named <paramref name="name"/>, or null when there is none.</summary>
    public async Task<string?> GetExperimentIdAsync(string name, CancellationToken ct = default)
    {
        try
        {
            var response = await SendAsync(HttpMethod.Get, "api/2.0/mlflow/experiments/get-by-name?experiment_name=" + Uri.EscapeDataString(name), null, ct).ConfigureAwait(false);
            return response["experiment"]?["experiment_id"]?.GetValue<string>();
        }
        catch (MlflowException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            return null;
        }
    }

    /// <summary>The id of the experiment named <paramref name="name"/>, created when missing (a concurrent create is tolerated).</summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct = default)
    {
        if (await GetExperimentIdAsync(name, ct).ConfigureAwait(false) is { } id)
        {
            return id;
        }

        try
        {
            var created = await SendAsync(HttpMethod.Post, "api/2.0/mlflow/experiments/create", new JsonObject { ["name"] = name }, ct).ConfigureAwait(false);
            return created["experiment_id"]?.GetValue<string>() ?? throw Malformed("experiments/create", "experiment_id");
        }
        catch (MlflowException e) when (e.ErrorCode == "RESOURCE_ALREADY_EXISTS")
        {
            // Another process created it between the two calls.
            string? existing = await GetExperimentIdAsync(name, ct).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            return existing;
        }
    }

    /// <summary>Creates a run (status RUNNING).</summary>
    public async Task<MlflowRunInfo> CreateRunAsync(string experimentId, DateTimeOffset start, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var body = new JsonObject
        {
            ["experiment_id"] = experimentId,
            ["start_time"] = start.ToUnixTimeMilliseconds(),
            ["tags"] = Pairs(tags),
        };
        if (tags.FirstOrDefault(t => t.Key == RunTags.RunName).Value is { } runName)
        {
            body["run_name"] = runName;
        }

        var response = await SendAsync(HttpMethod.Post, "api/2.0/mlflow/runs/create", body, ct).ConfigureAwait(false);
        var info = response["run"]?["info"] ?? throw Malformed("runs/create", "run.info");
        return new MlflowRunInfo(
            info["run_id"]?.GetValue<string>() ?? throw Malformed("runs/create", "run.info.run_id"),
            info["experiment_id"]?.GetValue<string>() ?? experimentId,
            info["artifact_uri"]?.GetValue<string>() ?? "");
    }

    /// <summary>Ends a run: sets its status (FINISHED or FAILED) and end time.</summary>
    public async Task UpdateRunAsync(string runId, RunStatus status, DateTimeOffset? end, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["run_id"] = runId,
            ["status"] = status switch { RunStatus.Finished => "FINISHED", RunStatus.Failed => "FAILED", _ => "RUNNING" },
        };
        if (end is { } e)
        {
            body["end_time"] = e.ToUnixTimeMilliseconds();
        }

        await SendAsync(HttpMethod.Post, "api/2.0/mlflow/runs/update", body, ct).ConfigureAwait(false);
    }

    /// <summary>Logs metrics, parameters and tags in as many log-batch requests as MLflow's limits need.</summary>
    public async Task LogBatchAsync(string runId, IReadOnlyList<MetricPoint> metrics, IEnumerable<KeyValuePair<string, string>> parameters, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken ct = default)
    {
        foreach (var batch in MlflowBatchChunker.Chunk(metrics, parameters, tags))
        {
            var body = new JsonObject { ["run_id"] = runId };
            if (batch.Metrics.Count > 0)
            {
                body["metrics"] = new JsonArray(batch.Metrics.Select(m => (JsonNode)new JsonObject
                {
                    ["key"] = m.Name,
                    ["value"] = Number(m.Value),
                    ["timestamp"] = m.Timestamp.ToUnixTimeMilliseconds(),
                    ["step"] = m.Step,
                }).ToArray());
            }

            if (batch.Params.Count > 0)
            {
                body["params"] = Pairs(batch.Params);
            }

            if (batch.Tags.Count > 0)
            {
                body["tags"] = Pairs(batch.Tags);
            }

            await SendAsync(HttpMethod.Post, "api/2.0/mlflow/runs/log-batch", body, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Uploads one artifact of <paramref name="run"/> through the server's artifact proxy.</summary>
    /// <exception cref="MlflowException">The run's artifact location is not served by the tracking server.</exception>
    public async Task UploadArtifactAsync(MlflowRunInfo run, string relativePath, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        string root = MlflowUri.ProxiedArtifactPath(run.ArtifactUri)
            ?? throw new MlflowException(0, "", $"the run's artifact location '{run.ArtifactUri}' is not served by the tracking server (start it with --serve-artifacts, the default since MLflow 2.0)");
        string path = string.Join('/', (root + "/" + ArtifactPath.Normalize(relativePath)).Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        await _retry.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_base, "api/2.0/mlflow-artifacts/artifacts/" + path));
                request.Content = new ReadOnlyMemoryContent(content);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return await SendOnceAsync(request, token).ConfigureAwait(false);
            },
            IsTransient,
            ct).ConfigureAwait(false);
    }

    /// <summary>Whether a failure may pass on retry: no connection, a timeout, 429 or a 5xx answer.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        MlflowException m => m.IsTransient,
        HttpRequestException => true,
        TaskCanceledException => true,   // HttpClient's timeout (the caller's cancellation is excluded by the policy)
        IOException => true,
        _ => false,
    };

    private Task<JsonNode> SendAsync(HttpMethod method, string relative, JsonObject? body, CancellationToken ct)
    {
        string? json = body?.ToJsonString();
        return _retry.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(method, new Uri(_base, relative));
                if (json is not null)
                {
                    request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                }

                return await SendOnceAsync(request, token).ConfigureAwait(false);
            },
            IsTransient,
            ct);
    }

    private async Task<JsonNode> SendOnceAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_credentials is not null)
        {
            request.Headers.Authorization = _credentials.ToHeader();
        }

        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        JsonNode? parsed = null;
        try
        {
            parsed = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // An answer that is not JSON (a proxy's error page) is reported by status below.
        }

        if (!response.IsSuccessStatusCode)
        {
            string code = parsed?["error_code"]?.GetValue<string>() ?? "";
            string message = parsed?["message"]?.GetValue<string>() ?? StatusText(response.StatusCode);
            throw new MlflowException((int)response.StatusCode, code, message);
        }

        return parsed ?? throw new MlflowException((int)response.StatusCode, "", $"the answer to {request.Method} {request.RequestUri?.AbsolutePath} is not JSON");
    }

    private static string StatusText(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "unauthorized (check MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD)",
        HttpStatusCode.Forbidden => "forbidden (the credentials lack permission)",
        HttpStatusCode.NotFound => "not found (is this an MLflow tracking server?)",
        _ => ((int)status).ToString(CultureInfo.InvariantCulture),
    };

    private static JsonNode Number(double value) => double.IsFinite(value)
        ? JsonValue.Create(value)
        : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");   // protobuf's JSON spelling

    private static JsonArray Pairs(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray());

    private static MlflowException Malformed(string call, string field) => new(200, "", $"the answer to {call} has no {field}");
}
