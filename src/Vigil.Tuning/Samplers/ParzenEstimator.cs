using Vigil.Randomness;

namespace Vigil.Tuning.Samplers;

/// <summary>
/// A weighted mixture of kernels over one or more dimensions (Bergstra et al. 2011): a truncated normal per numeric
/// dimension (in the transformed space), a smoothed point mass per categorical one, plus a prior kernel (uniform-ish:
/// the centre of the range with the range as width, or equal probabilities). TPE fits one to the good trials, one to
/// the rest, and prefers points where the ratio of their densities is high.
/// </summary>
/// <remarks>
/// Kernel scores: with <c>widthWeighted</c> a numeric kernel's density is not divided by its width σ, which is the
/// same as weighting each kernel by σ — wide kernels (the prior, isolated observations) count for more than narrow
/// ones in clusters. Optuna 3.1's truncated-normal log density omits that factor too (its kernels are scored as
/// <c>φ(z) / mass</c>), and the benchmarks (docs/benchmarks.md, TPE against Optuna) measured this weighting to find
/// better values in the same number of trials than the normalised density, so the TPE sampler uses it; sampling
/// from the mixture is unaffected. Storage is flat (<c>[kernel · dims + dim]</c>) and everything that does not
/// depend on the evaluated point (the normal CDFs of the truncation, the logarithms) is computed once per kernel.
/// </remarks>
internal sealed class ParzenEstimator
{
    private const double LogSqrt2Pi = 0.91893853320467274178;

    private readonly Dimension[] _dims;
    private readonly int _kernels;
    private readonly double[] _weights;       // [kernel], normalised
    private readonly double[] _logWeights;    // [kernel]
    private readonly double[] _mus;           // [kernel · dims + dim], numeric dims
    private readonly double[] _sigmas;
    private readonly double[] _inverseSigmas;
    private readonly double[] _logNorm;       // [kernel · dims + dim]: log of the kernel's constant factor, numeric dims
    private readonly double[][] _probabilities;    // [dim][kernel · choices + choice], categorical dims
    private readonly double[][] _logProbabilities;

    /// <param name="dims">The dimensions.</param>
    /// <param name="observations">[observation][dim] values: transformed numbers, or choice indices.</param>
    /// <param name="weights">One weight per observation (need not be normalised).</param>
    /// <param name="multivariate">Bandwidth rule: joint (Scott-like) when true, neighbour gaps per dimension when false.</param>
    /// <param name="priorWeight">Weight of the prior kernel.</param>
    /// <param name="sigma0">Multivariate bandwidth as a fraction of the range before the n^(−1/(d+4)) shrinkage.</param>
    /// <param name="widthWeighted">Score numeric kernels without their 1/σ factor (see the remarks).</param>
    public ParzenEstimator(Dimension[] dims, IReadOnlyList<double[]> observations, IReadOnlyList<double> weights, bool multivariate,
        double priorWeight = 1.0, double sigma0 = 0.2, bool widthWeighted = false)
    {
        _dims = dims;
        int n = observations.Count, kernels = n + 1, nd = dims.Length;
        _kernels = kernels;
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

        _mus = new double[kernels * nd];
        _sigmas = new double[kernels * nd];
        _inverseSigmas = new double[kernels * nd];
        _logNorm = new double[kernels * nd];
        _probabilities = new double[nd][];
        _logProbabilities = new double[nd][];
        var column = new double[kernels];
        for (int d = 0; d < nd; d++)
        {
            var dim = dims[d];
            if (dim.Choices > 0)
            {
                // Optuna's smoothing: every kernel starts at priorWeight / kernels on each choice, an observation adds 1 to its own.
                int m = dim.Choices;
                var p = new double[kernels * m];
                var logP = new double[kernels * m];
                for (int k = 0; k < kernels; k++)
                {
                    double total = (m * priorWeight / kernels) + (k < n ? 1.0 : 0.0);
                    for (int c = 0; c < m; c++)
                    {
                        double v = (priorWeight / kernels) + (k < n && (int)observations[k][d] == c ? 1.0 : 0.0);
                        p[(k * m) + c] = v / total;
                        logP[(k * m) + c] = Math.Log(v / total);
                    }
                }

                _probabilities[d] = p;
                _logProbabilities[d] = logP;
                continue;
            }

            double range = dim.High - dim.Low;
            for (int k = 0; k < n; k++)
            {
                column[k] = observations[k][d];
            }

            column[n] = 0.5 * (dim.Low + dim.High);
            var sigmas = multivariate
                ? MultivariateSigmas(n, nd, range, sigma0)
                : NeighbourSigmas(column, dim);

            // Optuna's "magic clip": no kernel narrower than range / min(100, 1 + kernels); the prior is as wide as the range.
            double minSigma = range / Math.Min(100.0, 1.0 + kernels);
            sigmas[n] = range;
            for (int k = 0; k < kernels; k++)
            {
                double sigma = Math.Clamp(sigmas[k], minSigma, range);
                int i = (k * nd) + d;
                _mus[i] = column[k];
                _sigmas[i] = sigma;
                _inverseSigmas[i] = 1.0 / sigma;
                double mass = TruncatedNormal.Cdf((dim.High - column[k]) / sigma) - TruncatedNormal.Cdf((dim.Low - column[k]) / sigma);
                _logNorm[i] = -LogSqrt2Pi - Math.Log(Math.Max(mass, 1e-300)) - (widthWeighted ? 0.0 : Math.Log(sigma));
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

        int nd = _dims.Length;
        var x = new double[nd];
        for (int d = 0; d < nd; d++)
        {
            var dim = _dims[d];
            if (dim.Choices > 0)
            {
                var p = _probabilities[d];
                int offset = kernel * dim.Choices;
                double v = rng.NextDouble();
                int c = 0;
                for (double acc = p[offset]; acc < v && c < dim.Choices - 1; acc += p[offset + ++c])
                {
                }

                x[d] = c;
            }
            else
            {
                int i = (kernel * nd) + d;
                x[d] = TruncatedNormal.Sample(_mus[i], _sigmas[i], dim.Low, dim.High, rng);
            }
        }

        return x;
    }

    /// <summary>Log score of the mixture at <paramref name="x"/> (the log density, up to the kernel weighting in the remarks).</summary>
    public double LogPdf(double[] x)
    {
        int nd = _dims.Length;
        Span<double> terms = _kernels <= 512 ? stackalloc double[_kernels] : new double[_kernels];
        double max = double.NegativeInfinity;
        for (int k = 0; k < _kernels; k++)
        {
            double t = _logWeights[k];
            int row = k * nd;
            for (int d = 0; d < nd; d++)
            {
                int choices = _dims[d].Choices;
                if (choices > 0)
                {
                    t += _logProbabilities[d][(k * choices) + (int)x[d]];
                }
                else
                {
                    double z = (x[d] - _mus[row + d]) * _inverseSigmas[row + d];
                    t += (-0.5 * z * z) + _logNorm[row + d];
                }
            }

            terms[k] = t;
            if (t > max)
            {
                max = t;
            }
        }

        double sum = 0;
        for (int k = 0; k < _kernels; k++)
        {
            sum += Math.Exp(terms[k] - max);
        }

        return max + Math.Log(sum);
    }

    // Multivariate bandwidth: Optuna's SIGMA0_MAGNITUDE · n^(−1/(d+4)) · range (a Scott's-rule-like shrinkage).
    private static double[] MultivariateSigmas(int n, int dims, double range, double sigma0)
    {
        var sigmas = new double[n + 1];
        Array.Fill(sigmas, sigma0 * Math.Pow(Math.Max(n, 1), -1.0 / (dims + 4)) * range);
        return sigmas;
    }

    // Univariate bandwidth (Optuna 3.1, consider_endpoints = false): each kernel's width is the larger gap to its
    // neighbours among the sorted centres (prior included); the outermost take the gap to their inner neighbour.
    private static double[] NeighbourSigmas(double[] mus, Dimension dim)
    {
        int kernels = mus.Length;
        var order = new int[kernels];
        var sorted = (double[])mus.Clone();
        for (int i = 0; i < kernels; i++)
        {
            order[i] = i;
        }

        Array.Sort(sorted, order);
        var sigmas = new double[kernels];
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

            sigmas[order[i]] = sigma;
        }

        return sigmas;
    }

    /// <summary>One dimension: transformed bounds of a numeric parameter, or the number of choices (&gt; 0) of a categorical one.</summary>
    internal readonly record struct Dimension(double Low, double High, int Choices);
}
