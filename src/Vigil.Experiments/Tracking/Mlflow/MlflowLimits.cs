namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>The limits MLflow's REST API 2.0 (MLflow 2.x) documents for <c>runs/log-batch</c> and logged values.</summary>
public static class MlflowLimits
{
    /// <summary>Metrics per log-batch request.</summary>
    public const int MetricsPerBatch = 1000;

    /// <summary>Parameters per log-batch request.</summary>
    public const int ParamsPerBatch = 100;

    /// <summary>Tags per log-batch request.</summary>
    public const int TagsPerBatch = 100;

    /// <summary>Metrics, parameters and tags together per log-batch request.</summary>
    public const int EntitiesPerBatch = 1000;

    /// <summary>Longest key of a metric, parameter or tag.</summary>
    public const int KeyLength = 250;

    /// <summary>Longest parameter value (MLflow 2.x; 500 before 1.29).</summary>
    public const int ParamValueLength = 6000;

    /// <summary>Longest tag value.</summary>
    public const int TagValueLength = 5000;
}
