namespace Vigil.Testing.Mlflow;

/// <summary>The limits MLflow 2.x enforces on log-batch and logged values, as the fake server enforces them.</summary>
public static class FakeMlflowLimits
{
    /// <summary>Metrics per log-batch request.</summary>
    public const int MetricsPerBatch = 1000;

    /// <summary>Parameters per log-batch request.</summary>
    public const int ParamsPerBatch = 100;

    /// <summary>Tags per log-batch request.</summary>
    public const int TagsPerBatch = 100;

    /// <summary>Entities in all per log-batch request.</summary>
    public const int EntitiesPerBatch = 1000;

    /// <summary>Longest key.</summary>
    public const int KeyLength = 250;

    /// <summary>Longest parameter value.</summary>
    public const int ParamValueLength = 6000;

    /// <summary>Longest tag value.</summary>
    public const int TagValueLength = 5000;
}
