using BenchmarkDotNet.Running;
using Vigil.Benchmarks;

// `scorer-cpu [--repeat N]` measures process CPU time of whole scoring passes (the figure the NAB issue
// compares with the official scorer); `iforest-workload` and `sarima-workload` run the scikit-learn and
// statsmodels peers' workloads (see docs/benchmarks.md); anything else goes to BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "sarima-workload")
{
    return SarimaWorkload.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "scorer-cpu")
{
    return ScorerCpuMeasurement.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "iforest-workload")
{
    return IsolationForestWorkload.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "tpe-compare")
{
    return TpeComparison.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "tuning-overhead")
{
    return TuningOverhead.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "distributed-training")
{
    return DistributedTraining.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "cluster-scaling")
{
    return ClusterScaling.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "lstm-workload")
{
    return LstmWorkload.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(NabScorerBenchmarks).Assembly).Run(args);
return 0;
