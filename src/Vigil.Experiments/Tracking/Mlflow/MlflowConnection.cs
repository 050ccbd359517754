namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>An HTTP connection to one MLflow server, with credentials from MLflow's environment variables.</summary>
public sealed class MlflowConnection : IDisposable
{
    private readonly HttpClient _http;

    private MlflowConnection(HttpClient http, MlflowClient client)
    {
        _http = http;
        Client = client;
    }

    /// <summary>The API client.</summary>
    public MlflowClient Client { get; }

    /// <summary>The server's URI without credentials.</summary>
    public string Label => Client.Label;

    /// <summary>Connects to <paramref name="trackingUri"/> (http or https).</summary>
    /// <param name="trackingUri">The server.</param>
    /// <param name="environment">Reads MLFLOW_TRACKING_TOKEN, MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD.</param>
    /// <param name="retry">Retries of transient failures.</param>
    /// <param name="requestTimeout">The longest one request may take.</param>
    /// <exception cref="ArgumentException">The URI is not an http or https URI.</exception>
    public static MlflowConnection Open(string trackingUri, Func<string, string?> environment, RetryPolicy retry, TimeSpan? requestTimeout = null)
    {
        if (!MlflowUri.IsServer(trackingUri))
        {
            throw new ArgumentException($"'{trackingUri}' is not an MLflow server URI (http:// or https://).", nameof(trackingUri));
        }

        var http = new HttpClient { Timeout = requestTimeout ?? TimeSpan.FromSeconds(30) };
        return new MlflowConnection(http, new MlflowClient(http, new Uri(trackingUri), MlflowCredentials.FromEnvironment(environment), retry));
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
