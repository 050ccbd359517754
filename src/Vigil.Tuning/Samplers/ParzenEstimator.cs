using Vigil.Randomness;

namespace Vigil.Tuning.Samplers;

/// <summary>
/// A weighted mixture of kernels over one or more dimensions (Bergstra et al. 2011): a truncated normal per numeric
/// dimension (in the transformed space), a smoothed point mass per categorical one, plus a prior kernel (uniform-ish:
/// the centre of the range with the range as width, or equal probabilities). TPE fits one to the good trials, one to
/// the rest, and prefers points where the ratio of their densities is high.
/// </summary>
internal sealed class ParzenEstimator
{
    // Multivariate bandwidth: Optuna's SIGMA0_MAGNITUDE * n^(-1/(d+4)) * range (a Scott's-rule-like shrinkage).
    private const double Sigma0Magnitude = 0.2;

    private readonly Dimension[] _dims;
    private readonly double[] _logWeights;
    private readonly double[] _weights;
    private readonly double[][] _mus;          // [kernel][dim], numeric dims only
    private readonly double[][] _sigmas;
    private readonly double[][][] _categorical; // [kernel][dim][choice] probabilities, categorical dims only

    /// <param name="dims">The dimensions.</param>
    /// <param name="observations">[observation][dim] values: transformed numbers, or choice indices.</param>
    /// <param name="weights">One weight per observation (need not be normalised).</param>
    /// <param name="multivariate">Bandwidth rule: joint (Scott-like) when true, neighbour gaps per dimension when false.</param>
    /// <param name="priorWeight">Weight of the prior kernel.</param>
    public ParzenEstimator(Dimension[] dims, IReadOnlyList<double[]> observations, IReadOnlyList<double> weights, bool multivariate, double priorWeight = 1.0)
    {
        _dims = dims;
        int n = observations.Count, kernels = n + 1;
        _weights = new double[kernels];
        double sum = priorWeight;
        for (int k = 0; k < n; k++)
        {
            _weights[k] = weights[k];
            sum += weights[k];
        }

        _weights[n] = priorWeight;
        _logWeights = new double[kernels];
        for (int k = 0; k < kernels; k++)
        {
            _weights[k] /= sum;
            _logWeights[k] = Math.Log(_weights[k]);
        }

        _mus = new double[kernels][];
        _sigmas = new double[kernels][];
        _categorical = new double[kernels][][];
        for (int k = 0; k < kernels; k++)
        {
            _mus[k] = new double[dims.Length];
            _sigmas[k] = new double[dims.Length];
            _categorical[k] = new double[dims.Length][];
        }

        for (int d = 0; d < dims.Length; d++)
        {
            var dim = dims[d];
            if (dim.Choices > 0)
            {
                // Optuna's smoothing: every kernel starts at priorWeight / kernels on each choice, an observation adds 1 to its own.
                for (int k = 0; k < kernels; k++)
                {
                    var p = new double[dim.Choices];
                    Array.Fill(p, priorWeight / kernels);
                    if (k < n)
                    {
                        p[(int)observations[k][d]] += 1.0;
                    }

                    double total = p.Sum();
                    for (int c = 0; c < p.Length; c++)
                    {
                        p[c] /= total;
                    }

                    _categorical[k][d] = p;
                }

                continue;
            }

            double range = dim.High - dim.Low;
            for (int k = 0; k < n; k++)
            {
                _mus[k][d] = observations[k][d];
            }

            _mus[n][d] = 0.5 * (dim.Low + dim.High);
            if (multivariate)
            {
                double sigma = Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (dims.Length + 4)) * range;
                for (int k = 0; k < n; k++)
                {
                    _sigmas[k][d] = sigma;
                }
            }
            else
            {
                NeighbourSigmas(d, n, dim);
            }

            _sigmas[n][d] = range;

            // Optuna's "magic clip": no kernel narrower than range / min(100, kernels).
            double minSigma = range / Math.Min(100.0, 1.0 + kernels);
            for (int k = 0; k < kernels; k++)
            {
                _sigmas[k][d] = Math.Clamp(_sigmas[k][d], minSigma, range);
            }
        }
    }

    /// <summary>Draws one point: a kernel by weight, then each dimension from that kernel.</summary>
    public double[] Sample(IRandomSource rng)
    {
        double u = rng.NextDouble();
        int kernel = 0;
        for (double acc = _weights[0]; acc < u && kernel < _weights.Length - 1; acc += _weights[++kernel])
        {
        }

        var x = new double[_dims.Length];
        for (int d = 0; d < _dims.Length; d++)
        {
            var dim = _dims[d];
            if (dim.Choices > 0)
            {
                var p = _categorical[kernel][d];
                double v = rng.NextDouble();
                int c = 0;
                for (double acc = p[0]; acc < v && c < p.Length - 1; acc += p[++c])
                {
                }

                x[d] = c;
            }
            else
            {
                x[d] = TruncatedNormal.Sample(_mus[kernel][d], _sigmas[kernel][d], dim.Low, dim.High, rng);
            }
        }

        return x;
    }

    /// <summary>Log density of the mixture at <paramref name="x"/>.</summary>
    public double LogPdf(double[] x)
    {
        int kernels = _weights.Length;
        Span<double> terms = kernels <= 256 ? stackalloc double[kernels] : new double[kernels];
        double max = double.NegativeInfinity;
        for (int k = 0; k < kernels; k++)
        {
            double t = _logWeights[k];
            for (int d = 0; d < _dims.Length; d++)
            {
                var dim = _dims[d];
                t += dim.Choices > 0
                    ? Math.Log(_categorical[k][d][(int)x[d]])
                    : TruncatedNormal.LogPdf(x[d], _mus[k][d], _sigmas[k][d], dim.Low, dim.High);
            }

            terms[k] = t;
            max = Math.Max(max, t);
        }

        double sum = 0;
        for (int k = 0; k < kernels; k++)
        {
            sum += Math.Exp(terms[k] - max);
        }

        return max + Math.Log(sum);
    }

    // Univariate bandwidth (Optuna 3.1, consider_endpoints = false): each kernel's width is the larger gap to its
    // neighbours among the sorted centres (prior included); the outermost take the gap to their inner neighbour.
    private void NeighbourSigmas(int d, int n, Dimension dim)
    {
        int kernels = n + 1;
        var order = Enumerable.Range(0, kernels).OrderBy(k => _mus[k][d]).ToArray();
        var sorted = order.Select(k => _mus[k][d]).ToArray();
        for (int i = 0; i < kernels; i++)
        {
            double left = sorted[i] - (i == 0 ? dim.Low : sorted[i - 1]);
            double right = (i == kernels - 1 ? dim.High : sorted[i + 1]) - sorted[i];
            double sigma = Math.Max(left, right);
            if (kernels >= 2 && i == 0)
            {
                sigma = sorted[1] - sorted[0];
            }
            else if (kernels >= 2 && i == kernels - 1)
            {
                sigma = sorted[i] - sorted[i - 1];
            }

            _sigmas[order[i]][d] = sigma;
        }
    }

    /// <summary>One dimension: transformed bounds of a numeric parameter, or the number of choices (&gt; 0) of a categorical one.</summary>
    internal readonly record struct Dimension(double Low, double High, int Choices);
}
