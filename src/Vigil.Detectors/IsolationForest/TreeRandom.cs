namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// The generator scikit-learn's tree splitters draw from (<c>sklearn/tree/_utils.pyx</c>: <c>our_rand_r</c>,
/// <c>rand_int</c>, <c>rand_uniform</c>): a 32-bit xorshift (13, 17, 5) whose output is reduced modulo 2³¹.
/// Reproduced so that trees grown here choose the same features and thresholds as scikit-learn's for the same seed.
/// </summary>
/// <remarks>A mutable struct: pass it by reference. The state is seeded once per tree (see <see cref="IsolationForestModel"/>).</remarks>
internal struct TreeRandom(uint state)
{
    /// <summary>scikit-learn's <c>RAND_R_MAX</c>, 2³¹ − 1: outputs lie in [0, RAND_R_MAX].</summary>
    public const uint RandRMax = 0x7FFFFFFF;

    /// <summary>The current state (the value <c>our_rand_r</c> would update next).</summary>
    public uint State { get; private set; } = state;

    /// <summary><c>our_rand_r</c>: steps the state and returns it modulo RAND_R_MAX + 1.</summary>
    public uint Next()
    {
        uint s = State;

        // A zero state would stay zero forever; scikit-learn substitutes its DEFAULT_SEED, 1.
        if (s == 0)
        {
            s = 1;
        }

        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        State = s;
        return s % (RandRMax + 1);
    }

    /// <summary><c>rand_int(low, high)</c>: low + (draw mod (high − low)), in [low, high). The modulo bias is scikit-learn's.</summary>
    public int NextInt(int low, int high) => low + (int)(Next() % (uint)(high - low));

    /// <summary>
    /// <c>rand_uniform(low, high)</c> = (high − low)·draw / RAND_R_MAX + low, in that order of operations. It can
    /// return <paramref name="high"/> itself (a draw of RAND_R_MAX); callers handle that as scikit-learn does.
    /// </summary>
    public double NextUniform(double low, double high) => (high - low) * Next() / RandRMax + low;
}
