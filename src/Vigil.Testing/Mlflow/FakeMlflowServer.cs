using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Testing.Mlflow;

/// <summary>
/// An in-process stand-in for an MLflow 2.x tracking server (REST API 2.0) on 127.0.0.1, for tests: it serves the calls
/// Vigil makes (experiments get-by-name/create, runs create/update/get/log-batch, metrics get-history, the artifact
/// proxy's PUT and GET) with the documented request and response shapes, and rejects what MLflow rejects (unknown
/// fields, missing required fields, over-limit batches, unknown run or experiment ids, changed parameter values) with
/// MLflow's error JSON (<c>error_code</c>, <c>message</c>) and status codes.
/// </summary>
/// <remarks>
/// Set <c>VIGIL_MLFLOW_TEST_URI</c> to run the same tests against a real server instead (see docs/tracking.md).
/// Thread safe: requests are served one at a time.
/// </remarks>
public sealed class FakeMlflowServer : IDisposable
{
    private static readonly string[] RunStatuses = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"];

    private readonly HttpListener _listener;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _experimentsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _artifacts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;
    private int _failuresLeft;
    private int _failureStatus;
    private int _nextExperiment = 1;

    private FakeMlflowServer(HttpListener listener, Uri uri, string? requiredAuthorization)
    {
        _listener = listener;
        Uri = uri;
        RequiredAuthorization = requiredAuthorization;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's base URI, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Uri { get; }

    /// <summary>The Authorization header every request must carry (e.g. <c>Bearer abc</c>), or null for none.</summary>
    public string? RequiredAuthorization { get; }

    /// <summary>Each request served, as "METHOD path", in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Every Authorization header value received.</summary>
    public ConcurrentBag<string> AuthorizationHeaders { get; } = [];

    /// <summary>Starts a server on a free port of 127.0.0.1.</summary>
    /// <param name="requiredAuthorization">When set, requests without exactly this Authorization header get 401.</param>
    public static FakeMlflowServer Start(string? requiredAuthorization = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeMlflowServer(listener, new Uri($"http://127.0.0.1:{port}"), requiredAuthorization);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();   // another process took the port between the probe and the bind
            }
        }
    }

    /// <summary>A free TCP port of 127.0.0.1 (nothing listens on it right after the call).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/> (a transient failure).</summary>
    public void FailNext(int count, int status = 503)
    {
        _failureStatus = status;
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string path = request.Url!.AbsolutePath;
        _requests.Enqueue($"{request.HttpMethod} {path}");
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        if (request.Headers["Authorization"] is { } auth)
        {
            AuthorizationHeaders.Add(auth);
        }

        (int Status, byte[] Body, string Type) answer;
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            answer = Error(_failureStatus, "TEMPORARILY_UNAVAILABLE", "injected failure");
        }
        else if (RequiredAuthorization is not null && request.Headers["Authorization"] != RequiredAuthorization)
        {
            answer = Error(401, "UNAUTHENTICATED", "You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.");
        }
        else
        {
            try
            {
                lock (_lock)
                {
                    answer = Route(request.HttpMethod, path, request.QueryString, body.ToArray());
                }
            }
            catch (RejectedException e)
            {
                answer = Error(e.Status, e.Code, e.Message);
            }
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.Type;
        context.Response.ContentLength64 = answer.Body.Length;
        await context.Response.OutputStream.WriteAsync(answer.Body).ConfigureAwait(false);
        context.Response.Close();
    }

    private (int, byte[], string) Route(string method, string path, System.Collections.Specialized.NameValueCollection query, byte[] body)
    {
        const string artifacts = "/api/2.0/mlflow-artifacts/artifacts/";
        if (path.StartsWith(artifacts, StringComparison.Ordinal))
        {
            string key = Uri.UnescapeDataString(path[artifacts.Length..]);
            if (method == "PUT")
            {
                _artifacts[key] = body;
                return Json(new JsonObject());
            }

            if (method == "GET")
            {
                return _artifacts.TryGetValue(key, out var bytes)
                    ? (200, bytes, "application/octet-stream")
                    : throw new RejectedException(404, "RESOURCE_DOES_NOT_EXIST", $"File {key} not found");
            }
        }

        return (method, path) switch
        {
            ("GET", "/api/2.0/mlflow/experiments/get-by-name") => GetExperimentByName(query),
            ("POST", "/api/2.0/mlflow/experiments/create") => CreateExperiment(Parse(body, "name", "artifact_location", "tags")),
            ("POST", "/api/2.0/mlflow/runs/create") => CreateRun(Parse(body, "experiment_id", "user_id", "run_name", "start_time", "tags")),
            ("POST", "/api/2.0/mlflow/runs/update") => UpdateRun(Parse(body, "run_id", "run_uuid", "status", "end_time", "run_name")),
            ("POST", "/api/2.0/mlflow/runs/log-batch") => LogBatch(Parse(body, "run_id", "metrics", "params", "tags")),
            ("GET", "/api/2.0/mlflow/runs/get") => Json(new JsonObject { ["run"] = RunJson(FindRun(Required(query["run_id"], "run_id"))) }),
            ("GET", "/api/2.0/mlflow/metrics/get-history") => MetricHistory(query),
            _ => throw new RejectedException(404, "ENDPOINT_NOT_FOUND", $"No endpoint {method} {path}"),
        };
    }

    private (int, byte[], string) GetExperimentByName(System.Collections.Specialized.NameValueCollection query)
    {
        string name = Required(query["experiment_name"], "experiment_name");
        return _experimentsByName.TryGetValue(name, out var id)
            ? Json(new JsonObject { ["experiment"] = new JsonObject { ["experiment_id"] = id, ["name"] = name, ["artifact_location"] = $"mlflow-artifacts:/{id}", ["lifecycle_stage"] = "active" } })
            : throw new RejectedException(404, "RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'");
    }

    private (int, byte[], string) CreateExperiment(JsonObject body)
    {
        string name = RequiredString(body, "name");
        if (_experimentsByName.ContainsKey(name))
        {
            throw new RejectedException(400, "RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists.");
        }

        string id = (_nextExperiment++).ToString(CultureInfo.InvariantCulture);
        _experimentsByName[name] = id;
        return Json(new JsonObject { ["experiment_id"] = id });
    }

    private (int, byte[], string) CreateRun(JsonObject body)
    {
        string experiment = RequiredString(body, "experiment_id");
        if (!_experimentsByName.ContainsValue(experiment))
        {
            throw new RejectedException(404, "RESOURCE_DOES_NOT_EXIST", $"No Experiment with id={experiment} exists");
        }

        string id = Guid.NewGuid().ToString("N");
        var run = new FakeRun(id, experiment, Long(body, "start_time") ?? 0, $"mlflow-artifacts:/{experiment}/{id}/artifacts");
        foreach (var (key, value) in Pairs(body, "tags", Vigil.Testing.Mlflow.FakeMlflowLimits.TagValueLength))
        {
            run.Tags[key] = value;
        }

        if (body["run_name"]?.GetValue<string>() is { } runName)
        {
            run.Tags["mlflow.runName"] = runName;
        }

        _runs[id] = run;
        return Json(new JsonObject { ["run"] = RunJson(run) });
    }

    private (int, byte[], string) UpdateRun(JsonObject body)
    {
        string id = body["run_id"]?.GetValue<string>() ?? body["run_uuid"]?.GetValue<string>() ?? throw Missing("run_id");
        var run = FindRun(id);
        if (body["status"] is { } status)
        {
            string text = status.GetValue<string>();
            run.Status = RunStatuses.Contains(text) ? text : throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Invalid value \"{text}\" for parameter 'status' supplied.");
        }

        run.EndTime = Long(body, "end_time") ?? run.EndTime;
        return Json(new JsonObject { ["run_info"] = RunInfo(run) });
    }

    private (int, byte[], string) LogBatch(JsonObject body)
    {
        var run = FindRun(RequiredString(body, "run_id"));
        var metrics = body["metrics"] as JsonArray ?? [];
        var parameters = Pairs(body, "params", FakeMlflowLimits.ParamValueLength);
        var tags = Pairs(body, "tags", FakeMlflowLimits.TagValueLength);
        if (metrics.Count > FakeMlflowLimits.MetricsPerBatch || parameters.Count > FakeMlflowLimits.ParamsPerBatch || tags.Count > FakeMlflowLimits.TagsPerBatch
            || metrics.Count + parameters.Count + tags.Count > FakeMlflowLimits.EntitiesPerBatch)
        {
            throw new RejectedException(400, "INVALID_PARAMETER_VALUE",
                $"A batch logging request can contain at most {FakeMlflowLimits.MetricsPerBatch} metrics, {FakeMlflowLimits.ParamsPerBatch} params, and {FakeMlflowLimits.TagsPerBatch} tags, "
                + $"and at most {FakeMlflowLimits.EntitiesPerBatch} entities in total. Got {metrics.Count} metrics, {parameters.Count} params, and {tags.Count} tags.");
        }

        if (parameters.Select(p => p.Key).Distinct().Count() != parameters.Count)
        {
            throw new RejectedException(400, "INVALID_PARAMETER_VALUE", "Duplicate parameter keys have been submitted.");
        }

        var points = new List<(string, double, long, long)>();
        foreach (var node in metrics)
        {
            var metric = node as JsonObject ?? throw new RejectedException(400, "INVALID_PARAMETER_VALUE", "Invalid value for parameter 'metrics': each metric must be an object.");
            RejectUnknown(metric, "metrics", "key", "value", "timestamp", "step");
            string key = Key(RequiredString(metric, "key"));
            double value = metric["value"] switch
            {
                null => throw Missing("value"),
                JsonValue v when v.TryGetValue(out double d) => d,
                JsonValue v when v.TryGetValue(out string? s) && s is "NaN" or "Infinity" or "-Infinity" => double.Parse(s, CultureInfo.InvariantCulture),
                var v => throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Invalid value {v.ToJsonString()} for parameter 'value' supplied."),
            };
            long timestamp = Long(metric, "timestamp") ?? throw Missing("timestamp");
            points.Add((key, value, Long(metric, "step") ?? 0, timestamp));
        }

        foreach (var (key, value) in parameters)
        {
            if (run.Params.TryGetValue(key, out var old) && old != value)
            {
                throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{old}' for run ID='{run.Id}'. Attempted logging new value '{value}'.");
            }
        }

        foreach (var (key, value) in parameters)
        {
            run.Params[key] = value;
        }

        foreach (var (key, value) in tags)
        {
            run.Tags[key] = value;
        }

        run.Metrics.AddRange(points);
        return Json(new JsonObject());
    }

    private (int, byte[], string) MetricHistory(System.Collections.Specialized.NameValueCollection query)
    {
        var run = FindRun(Required(query["run_id"] ?? query["run_uuid"], "run_id"));
        string key = Required(query["metric_key"], "metric_key");
        var history = run.Metrics.Where(m => m.Key == key).Select(m => (JsonNode)MetricJson(m)).ToArray();
        return Json(new JsonObject { ["metrics"] = new JsonArray(history) });
    }

    private FakeRun FindRun(string id) =>
        _runs.TryGetValue(id, out var run) ? run : throw new RejectedException(404, "RESOURCE_DOES_NOT_EXIST", $"Run with id={id} not found");

    private static JsonObject RunJson(FakeRun run)
    {
        // runs/get reports each metric's latest value (largest step, then latest timestamp), as MLflow does.
        var latest = run.Metrics.GroupBy(m => m.Key).Select(g => g.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).Last());
        return new JsonObject
        {
            ["info"] = RunInfo(run),
            ["data"] = new JsonObject
            {
                ["metrics"] = new JsonArray(latest.Select(m => (JsonNode)MetricJson(m)).ToArray()),
                ["params"] = new JsonArray(run.Params.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray()),
                ["tags"] = new JsonArray(run.Tags.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray()),
            },
        };
    }

    private static JsonObject RunInfo(FakeRun run)
    {
        var info = new JsonObject
        {
            ["run_id"] = run.Id,
            ["run_uuid"] = run.Id,
            ["experiment_id"] = run.Experiment,
            ["run_name"] = run.Tags.GetValueOrDefault("mlflow.runName") ?? "",
            ["status"] = run.Status,
            ["start_time"] = run.StartTime,
            ["artifact_uri"] = run.ArtifactUri,
            ["lifecycle_stage"] = "active",
        };
        if (run.EndTime is { } end)
        {
            info["end_time"] = end;
        }

        return info;
    }

    private static JsonObject MetricJson((string Key, double Value, long Step, long Timestamp) m) => new()
    {
        ["key"] = m.Key,
        ["value"] = double.IsFinite(m.Value) ? JsonValue.Create(m.Value) : JsonValue.Create(m.Value.ToString(CultureInfo.InvariantCulture)),
        ["timestamp"] = m.Timestamp,
        ["step"] = m.Step,
    };

    private static JsonObject Parse(byte[] body, params string[] fields)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body.Length == 0 ? "{}"u8 : body);
        }
        catch (JsonException e)
        {
            throw new RejectedException(400, "MALFORMED_REQUEST", $"Malformed JSON: {e.Message}");
        }

        var json = node as JsonObject ?? throw new RejectedException(400, "MALFORMED_REQUEST", "The request body must be a JSON object.");
        RejectUnknown(json, "request", fields);
        return json;
    }

    private static void RejectUnknown(JsonObject json, string where, params string[] fields)
    {
        foreach (var (name, _) in json)
        {
            if (!fields.Contains(name))
            {
                throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Invalid {where}: unknown field '{name}'.");
            }
        }
    }

    private static List<KeyValuePair<string, string>> Pairs(JsonObject body, string field, int maxValueLength)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (body[field] is null)
        {
            return pairs;
        }

        var array = body[field] as JsonArray ?? throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Invalid value for parameter '{field}': expected a list.");
        foreach (var node in array)
        {
            var pair = node as JsonObject ?? throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Invalid value for parameter '{field}': each entry must be an object.");
            RejectUnknown(pair, field, "key", "value");
            string key = Key(RequiredString(pair, "key"));
            string value = pair["value"]?.GetValue<string>() ?? "";
            if (value.Length > maxValueLength)
            {
                throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"'{field}' value of '{key}' had length {value.Length}, which exceeded length limit of {maxValueLength}");
            }

            pairs.Add(new(key, value));
        }

        return pairs;
    }

    private static string Key(string key) => key.Length <= FakeMlflowLimits.KeyLength
        ? key
        : throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"'{key[..20]}...' had length {key.Length}, which exceeded length limit of {FakeMlflowLimits.KeyLength}");

    private static string RequiredString(JsonObject json, string field)
    {
        var node = json[field] ?? throw Missing(field);
        return node is JsonValue v && v.TryGetValue(out string? s) && s.Length > 0
            ? s
            : throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Invalid value {node.ToJsonString()} for parameter '{field}' supplied.");
    }

    private static string Required(string? value, string field) => string.IsNullOrEmpty(value) ? throw Missing(field) : value;

    private static long? Long(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out long l) => l,
        JsonValue v when v.TryGetValue(out string? s) && long.TryParse(s, CultureInfo.InvariantCulture, out long parsed) => parsed,   // protobuf's int64 spelling
        var v => throw new RejectedException(400, "INVALID_PARAMETER_VALUE", $"Invalid value {v.ToJsonString()} for parameter '{field}' supplied."),
    };

    private static RejectedException Missing(string field) => new(400, "INVALID_PARAMETER_VALUE", $"Missing value for required parameter '{field}'.");

    private static (int, byte[], string) Json(JsonNode node) => (200, Encoding.UTF8.GetBytes(node.ToJsonString()), "application/json");

    private static (int, byte[], string) Error(int status, string code, string message) =>
        (status, Encoding.UTF8.GetBytes(new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString()), "application/json");

    private sealed class FakeRun(string id, string experiment, long startTime, string artifactUri)
    {
        public string Id { get; } = id;

        public string Experiment { get; } = experiment;

        public long StartTime { get; } = startTime;

        public string ArtifactUri { get; } = artifactUri;

        public string Status { get; set; } = "RUNNING";

        public long? EndTime { get; set; }

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);

        public List<(string Key, double Value, long Step, long Timestamp)> Metrics { get; } = [];
    }

    private sealed class RejectedException(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public string Code { get; } = code;
    }
}
