using BenchmarkDotNet.Attributes;
using Vigil.Detectors.Sarima;

namespace Vigil.Benchmarks;

/// <summary>
/// SARIMA(2,0,1)(1,0,1,24) on the statsmodels peer workload (<see cref="SarimaWorkload"/>): the 2000-point fit and
/// scoring the whole file (model construction + filter + e²/F), per file.
/// </summary>
[MemoryDiagnoser]
public class SarimaBenchmarks
{
    private double[] _z = [];
    private double[] _segment = [];
    private IReadOnlyList<double> _parameters = [];
    private double[] _errors = [];
    private double[] _variances = [];

    /// <summary>The NAB file of the workload.</summary>
    [Params("realKnownCause/nyc_taxi.csv", "realKnownCause/ambient_temperature_system_failure.csv", "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv", "realTweets/Twitter_volume_AAPL.csv")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _z = SarimaWorkload.Load(File);
        _segment = _z.AsSpan(0, Math.Min(2000, _z.Length)).ToArray();
        _parameters = SarimaModel.Fit(_segment, SarimaWorkload.Specification).Parameters;
        _errors = new double[_z.Length];
        _variances = new double[_z.Length];
    }

    /// <summary>Exact MLE on the first 2000 points (analytic gradients).</summary>
    [Benchmark]
    public double Fit() => SarimaModel.Fit(_segment, SarimaWorkload.Specification).LogLikelihood;

    /// <summary>The same fit with central-difference gradients (the previous default), for comparison.</summary>
    [Benchmark]
    public double FitCentralDifferences() => SarimaEstimator.Fit(_segment, SarimaWorkload.Specification, 200, default, SarimaGradientMethod.CentralDifference).LogLikelihood;

    /// <summary>One-step-ahead e²/F of the whole file at the fitted parameters.</summary>
    [Benchmark]
    public double ScoreWholeFile()
    {
        var model = SarimaModel.FromParameters(SarimaWorkload.Specification, [.. _parameters]);
        double llf = model.Filter(_z, _errors, _variances);
        double sum = 0;
        for (int t = 0; t < _z.Length; t++)
        {
            sum += _errors[t] * _errors[t] / _variances[t];
        }

        return llf + sum;
    }
}
