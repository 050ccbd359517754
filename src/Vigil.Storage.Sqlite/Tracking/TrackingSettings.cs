using Vigil.Experiments.Tracking.Mlflow;

namespace Vigil.Storage.Sqlite.Tracking;

/// <summary>Where a command's runs go.</summary>
/// <param name="Enabled">False for <c>--no-track</c>.</param>
/// <param name="TrackingUri"><c>--tracking-uri</c>: an MLflow server (http or https) or the embedded store's folder; null for the default.</param>
public sealed record TrackingSettings(bool Enabled, string? TrackingUri)
{
    /// <summary>The environment variable naming the embedded store's folder (default <see cref="DefaultFolder"/>).</summary>
    public const string RunsDirVariable = "VIGIL_RUNS_DIR";

    /// <summary>MLflow's environment variable naming the tracking server.</summary>
    public const string MlflowUriVariable = "MLFLOW_TRACKING_URI";

    /// <summary>The embedded store's default folder, relative to the working directory.</summary>
    public const string DefaultFolder = "runs";

    /// <summary>The embedded store's folder: <paramref name="folder"/>, else <c>$VIGIL_RUNS_DIR</c>, else <c>runs</c>.</summary>
    public static string LocalRoot(string? folder, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return folder is { Length: > 0 } ? folder : environment(RunsDirVariable) is { Length: > 0 } env ? env : DefaultFolder;
    }

    /// <summary>The MLflow server runs are mirrored to (<see cref="TrackingUri"/>, else <c>$MLFLOW_TRACKING_URI</c>), or null.</summary>
    public string? RemoteUri(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? uri = TrackingUri ?? environment(MlflowUriVariable);
        return MlflowUri.IsServer(uri) ? uri : null;
    }

    /// <summary>The embedded store's folder these settings name (a non-URI <see cref="TrackingUri"/>), else the default.</summary>
    public string LocalFolder(Func<string, string?> environment) =>
        LocalRoot(TrackingUri is { } uri && !MlflowUri.IsServer(uri) ? uri : null, environment);
}
