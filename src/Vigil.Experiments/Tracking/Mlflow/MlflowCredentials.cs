using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>
/// Authentication from MLflow's own environment variables: <c>MLFLOW_TRACKING_TOKEN</c> (bearer) or
/// <c>MLFLOW_TRACKING_USERNAME</c> and <c>MLFLOW_TRACKING_PASSWORD</c> (basic). Held only in memory: never printed,
/// logged or stored; <see cref="ToString"/> hides the secret.
/// </summary>
public sealed class MlflowCredentials
{
    private readonly string _scheme;
    private readonly string _parameter;

    private MlflowCredentials(string scheme, string parameter)
    {
        _scheme = scheme;
        _parameter = parameter;
    }

    /// <summary>The environment variable of the bearer token.</summary>
    public const string TokenVariable = "MLFLOW_TRACKING_TOKEN";

    /// <summary>The environment variable of the basic-auth user name.</summary>
    public const string UserNameVariable = "MLFLOW_TRACKING_USERNAME";

    /// <summary>The environment variable of the basic-auth password.</summary>
    public const string PasswordVariable = "MLFLOW_TRACKING_PASSWORD";

    /// <summary>"Bearer" or "Basic".</summary>
    public string Scheme => _scheme;

    /// <summary>The credentials the environment gives (the token wins over user name and password), or null for none.</summary>
    public static MlflowCredentials? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(TokenVariable) is { Length: > 0 } token)
        {
            return new MlflowCredentials("Bearer", token);
        }

        string? user = environment(UserNameVariable);
        string? password = environment(PasswordVariable);
        if (user is { Length: > 0 } || password is { Length: > 0 })
        {
            return new MlflowCredentials("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return null;
    }

    /// <summary>The Authorization header value.</summary>
    public AuthenticationHeaderValue ToHeader() => new(_scheme, _parameter);

    /// <summary>The scheme only: the secret never appears in text.</summary>
    public override string ToString() => $"{_scheme} ***";
}
