namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>An MLflow server answered with an error (its JSON <c>error_code</c> and <c>message</c>).</summary>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="errorCode">MLflow's error code, e.g. <c>RESOURCE_DOES_NOT_EXIST</c>; empty when the body had none.</param>
/// <param name="serverMessage">MLflow's message.</param>
public sealed class MlflowException(int statusCode, string errorCode, string serverMessage)
    : Exception($"MLflow answered {statusCode}{(errorCode.Length > 0 ? " " + errorCode : "")}: {serverMessage}")
{
    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>MLflow's error code.</summary>
    public string ErrorCode { get; } = errorCode;

    /// <summary>Whether retrying may help: rate limiting and server-side errors.</summary>
    public bool IsTransient => StatusCode is 429 or >= 500;
}
