using System.Diagnostics;
using System.Globalization;
using Vigil.Detectors.Sarima;
using Vigil.IO;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>sarima-workload [--repeat N] [--gradient analytic|fd] [--scores-dir DIR] [--params-json FILE]</c>: the workload of the statsmodels peer
/// (<c>shared/bench/peers/sarimax_statsmodels.py</c>): for four NAB files, SARIMA(2,0,1)(1,0,1,24) fitted on the first
/// 2000 points z-normalised with that segment's mean and population std, then e²/F scores of the whole file. Prints one
/// line per file with the log-likelihood, parameters and the fit and scoring wall times (best of N). With
/// <c>--params-json</c> (the <c>nab_workload.json</c> of the SARIMA parity tests) the scores use those parameters.
/// <c>--gradient fd</c> fits with central-difference gradients instead of the default analytic (adjoint) ones.
/// </summary>
internal static class SarimaWorkload
{
    public static readonly string[] Files =
    [
        "realKnownCause/nyc_taxi.csv",
        "realKnownCause/ambient_temperature_system_failure.csv",
        "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv",
        "realTweets/Twitter_volume_AAPL.csv",
    ];

    public static readonly SarimaSpecification Specification = new(2, 0, 1, 1, 0, 1, 24);

    /// <summary>The whole file, z-normalised with the mean and population std of its first 2000 points.</summary>
    public static double[] Load(string relative)
    {
        var series = CsvSeriesReader.Read(Path.Combine(BenchmarkCorpus.Root(), "data", relative), CsvReadOptions.Nab, relative);
        var x = series.Values.ToArray();
        int n = Math.Min(2000, x.Length);
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += x[i];
        }

        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            ss += (x[i] - mean) * (x[i] - mean);
        }

        double sd = Math.Sqrt(ss / n);
        sd = sd > 0 ? sd : 1.0;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (x[i] - mean) / sd;
        }

        return x;
    }

    public static int Run(string[] args)
    {
        int repeat = 3;
        string? scoresDir = null;
        string? paramsJson = null;
        var gradient = SarimaGradientMethod.Analytic;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat")
            {
                repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--gradient")
            {
                gradient = args[++i] switch
                {
                    "analytic" => SarimaGradientMethod.Analytic,
                    "fd" => SarimaGradientMethod.CentralDifference,
                    var other => throw new ArgumentException($"--gradient: analytic or fd, not '{other}'."),
                };
            }
            else if (args[i] == "--params-json")
            {
                paramsJson = args[++i];
            }
            else if (args[i] == "--scores-dir")
            {
                scoresDir = args[++i];
            }
        }

        double totalFit = 0;
        double totalFitCpu = 0;
        double totalScore = 0;
        foreach (string file in Files)
        {
            var z = Load(file);
            var fitSegment = z.AsSpan(0, Math.Min(2000, z.Length)).ToArray();
            SarimaModel? model = null;
            double fitBest = double.MaxValue;
            double fitCpuBest = double.MaxValue;
            for (int r = 0; r < repeat; r++)
            {
                // CPU time as well as wall time: on a shared machine the CPU seconds are the steadier figure.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                model = SarimaEstimator.Fit(fitSegment, Specification, 200, default, gradient);
                fitBest = Math.Min(fitBest, clock.Elapsed.TotalSeconds);
                fitCpuBest = Math.Min(fitCpuBest, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            }

            double scoreBest = double.MaxValue;
            var scores = new double[z.Length];
            double fullLlf = 0;
            for (int r = 0; r < repeat; r++)
            {
                var clock = Stopwatch.StartNew();
                var parameters = model!.Parameters.ToArray();
                if (paramsJson is not null)
                {
                    // Score with given parameters (e.g. statsmodels' fit) to compare e²/F at equal parameters.
                    using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(paramsJson));
                    parameters = doc.RootElement.GetProperty(file).GetProperty("params").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                }

                var scoring = SarimaModel.FromParameters(Specification, parameters);
                var errors = new double[z.Length];
                var variances = new double[z.Length];
                fullLlf = scoring.Filter(z, errors, variances);
                for (int t = 0; t < z.Length; t++)
                {
                    scores[t] = errors[t] * errors[t] / variances[t];
                }

                scoreBest = Math.Min(scoreBest, clock.Elapsed.TotalSeconds);
            }

            totalFit += fitBest;
            totalFitCpu += fitCpuBest;
            totalScore += scoreBest;
            string name = Path.GetFileName(file);
            string parameterText = string.Join(" ", model!.ParameterNames.Zip(model.Parameters, (n, v) => $"{n}={v.ToString("R", CultureInfo.InvariantCulture)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: llf={model.LogLikelihood:R} aic={model.Aic:F4} iters={model.Iterations} converged={model.Converged} fit_s={fitBest:F4} fit_cpu_s={fitCpuBest:F4} score_s={scoreBest:F4} full_llf={fullLlf:R} {parameterText}"));
            if (scoresDir is not null)
            {
                Directory.CreateDirectory(scoresDir);
                File.WriteAllLines(Path.Combine(scoresDir, name + ".scores.txt"), scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture)));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total: fit_s={totalFit:F4} fit_cpu_s={totalFitCpu:F4} score_s={totalScore:F4} (best of {repeat})"));
        return 0;
    }
}
