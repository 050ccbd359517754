using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Tuning;
using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>tpe-compare</c>: the protocol of the Optuna peer (bench/peers/optuna_tpe.py) with Vigil's samplers — Branin and
/// Hartmann-6 minimised over uniform floats, 100 sequential trials, seeds 0..9, in-memory store; median over the seeds
/// of the best value after 25/50/100 trials, and the overhead per trial (wall time minus objective time). Prints one
/// JSON line in the peer's layout. <c>--first-seed S --seeds N</c> runs seeds S..S+N−1 instead (other seed sets, so that
/// a comparison is not one set's luck); <c>--sampler NAME</c> runs one sampler only; <c>--set NAME=VALUE</c> (repeatable)
/// sets an init property of the <c>tpe</c> and <c>tpe_multivariate</c> samplers (e.g. <c>StartupTrials=10</c>,
/// <c>Startup=Uniform</c>), to measure a variant without rebuilding. The <c>*_optuna31_settings</c>
/// rows run Vigil's TPE with Optuna 3.1's settings (<see cref="TpeSampler.Optuna31"/>), to tell parity from the
/// changed defaults.
/// </summary>
internal static class TpeComparison
{
    private static readonly double[] HAlpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[,] HA = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] HP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    private static readonly int[] Checkpoints = [25, 50, 100];

    public static double Hartmann6(double[] x)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
            {
                inner += HA[i, j] * (x[j] - HP[i, j]) * (x[j] - HP[i, j]);
            }

            sum += HAlpha[i] * Math.Exp(-inner);
        }

        return -sum;
    }

    public static double Branin(double[] x)
    {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        double a = x[1] - (b * x[0] * x[0]) + (c * x[0]) - 6;
        return (a * a) + (10 * (1 - t) * Math.Cos(x[0])) + 10;
    }

    public static int Run(string[] args)
    {
        int trials = 100;
        int firstSeed = 0, seedCount = 10;
        string? only = null;
        var overrides = new List<(string Key, string Value)>();
        for (int i = 0; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--first-seed": firstSeed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seeds": seedCount = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--sampler": only = args[i + 1]; break;
                case "--set":
                    var kv = args[i + 1].Split('=', 2);
                    overrides.Add((kv[0], kv[1]));
                    break;
            }
        }

        var functions = new (string Name, Func<double[], double> F, (double, double)[] Bounds, double Optimum)[]
        {
            ("hartmann6", Hartmann6, Enumerable.Repeat((0.0, 1.0), 6).ToArray(), -3.32236801141551),
            ("branin", Branin, [(-5.0, 10.0), (0.0, 15.0)], 0.397887357729738),
        };
        var samplers = new (string Name, Func<ISampler> Create)[]
        {
            ("tpe", () => With(new TpeSampler(), overrides)),
            ("tpe_multivariate", () => With(new TpeSampler(multivariate: true), overrides)),
            ("random", () => new RandomSampler()),
            ("tpe_optuna31_settings", () => TpeSampler.Optuna31()),
            ("tpe_multivariate_optuna31_settings", () => TpeSampler.Optuna31(multivariate: true)),
        };
        var results = new JsonObject();
        var wall = Stopwatch.StartNew();
        foreach (var (fname, f, bounds, optimum) in functions)
        {
            var perFunction = new JsonObject { ["optimum"] = optimum };
            var space = new SearchSpace(bounds.Select((b, i) => (ParameterDistribution)new FloatDistribution($"x{i}", b.Item1, b.Item2)).ToArray());
            foreach (var (sname, create) in samplers.Where(s => only is null || s.Name == only))
            {
                var bests = Checkpoints.ToDictionary(n => n, _ => new List<double>());
                var overheads = new List<double>();
                for (int seed = firstSeed; seed < firstSeed + seedCount; seed++)
                {
                    var settings = new StudyRecord("bench", "none", "f", StudyDirection.Minimize, space.Describe(), sname, "none", seed, 0, "", DateTimeOffset.UnixEpoch);
                    var study = new Study(new InMemoryTrialStore(), settings, space, create(), new NopPruner());
                    double objectiveSeconds = 0;
                    var clock = Stopwatch.StartNew();
                    study.Optimize((trial, _) =>
                    {
                        var x = Enumerable.Range(0, bounds.Length).Select(i => trial.SuggestFloat($"x{i}")).ToArray();
                        long t0 = Stopwatch.GetTimestamp();
                        double v = f(x);
                        objectiveSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
                        return TrialOutcome.Complete(v);
                    }, trials);
                    double total = clock.Elapsed.TotalSeconds;
                    var values = study.Trials().Select(t => t.Value!.Value).ToArray();
                    foreach (int n in Checkpoints)
                    {
                        bests[n].Add(values.Take(n).Min());
                    }

                    overheads.Add((total - objectiveSeconds) / trials * 1e3);
                }

                perFunction[sname] = new JsonObject
                {
                    ["median_best"] = new JsonObject(Checkpoints.Select(n => KeyValuePair.Create(n.ToString(CultureInfo.InvariantCulture), (JsonNode?)Math.Round(Median(bests[n]), 6)))),
                    ["median_gap_to_optimum"] = new JsonObject(Checkpoints.Select(n => KeyValuePair.Create(n.ToString(CultureInfo.InvariantCulture), (JsonNode?)Math.Round(Median(bests[n]) - optimum, 6)))),
                    ["per_seed_best"] = new JsonObject(Checkpoints.Select(n => KeyValuePair.Create(n.ToString(CultureInfo.InvariantCulture), (JsonNode?)new JsonArray(bests[n].Select(v => (JsonNode?)Math.Round(v, 6)).ToArray())))),
                    ["overhead_ms_per_trial_median"] = Math.Round(Median(overheads), 3),
                };
            }

            results[fname] = perFunction;
        }

        Console.WriteLine(new JsonObject { ["bench"] = "vigil_tpe", ["trials"] = trials, ["seeds"] = $"{firstSeed}..{firstSeed + seedCount - 1}", ["wall_s"] = Math.Round(wall.Elapsed.TotalSeconds, 3), ["results"] = results }.ToJsonString());
        return 0;
    }

    // --set NAME=VALUE: an init property of TpeSampler, for measuring variants without a rebuild.
    private static TpeSampler With(TpeSampler sampler, List<(string Key, string Value)> settings)
    {
        foreach (var (key, value) in settings)
        {
            var property = typeof(TpeSampler).GetProperty(key) ?? throw new ArgumentException($"TpeSampler has no property '{key}'.");
            property.SetValue(sampler, property.PropertyType.IsEnum
                ? Enum.Parse(property.PropertyType, value, ignoreCase: true)
                : Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
        }

        return sampler;
    }

    private static double Median(List<double> values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[(s.Length / 2) - 1] + s[s.Length / 2]);
    }
}
