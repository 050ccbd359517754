namespace Vigil.Detectors.ContextOse;

/// <summary>
/// CAD OSE's context memory (its <c>ContextOperator</c>): left semi-contexts (what was seen: sensor facts plus
/// the previous step's winning contexts), right semi-contexts (the sensor facts that followed), and the contexts
/// pairing them, each with its statistics. Crossing the current facts with the memory selects the active
/// contexts, proposes new ones, and predicts the next sensor facts.
/// </summary>
/// <remarks>
/// The statistics of context c: <c>total</c> (right facts expected, summed over the steps its left side was
/// complete), <c>hits</c> (of those, the ones that came), <c>activations</c> (steps its right side came whole)
/// and whether it was ever a zero-level context (a whole step pair), which lets it spawn sub-contexts.
/// Python 2 details that change the output are kept: semi-contexts are keyed by tuple hash, each left
/// semi-context's contexts are visited in CPython 2.7 dict order, and the check "is this the context created
/// this step" compares with Python's <c>False</c> when none was, which equals context 0, so context 0 is then
/// skipped.
/// </remarks>
internal sealed class ContextMemory
{
    private const int NoNewContext = -1;

    private readonly int _maxLeftSemiContextLength;
    private readonly SemiContextTable _left = new(holdsContexts: true);
    private readonly SemiContextTable _right = new(holdsContexts: false);
    private readonly List<int> _active = [];
    private readonly List<FactPair> _potential = [];
    private readonly List<int> _predicting = [];
    private int[] _total = new int[256];
    private int[] _hits = new int[256];
    private int[] _activations = new int[256];
    private bool[] _zeroLevel = new bool[256];
    private long[] _leftHash = new long[256];
    private long[] _rightHash = new long[256];
    private long[][] _rightFacts = new long[256][];
    private int _newContextId = NoNewContext;

    public ContextMemory(int maxLeftSemiContextLength)
    {
        _maxLeftSemiContextLength = maxLeftSemiContextLength;
    }

    /// <summary>Number of contexts learned.</summary>
    public int ContextCount { get; private set; }

    /// <summary>Number of left and right semi-contexts.</summary>
    public (int Left, int Right) SemiContextCount => (_left.Count, _right.Count);

    /// <summary>Times context <paramref name="id"/> was fully active (the first ranking key of active contexts).</summary>
    public int Activations(int id) => _activations[id];

    /// <summary>Hash of the left facts of context <paramref name="id"/> (the second ranking key).</summary>
    public long LeftHash(int id) => _leftHash[id];

    /// <summary>Hash of the right facts of context <paramref name="id"/> (the third ranking key).</summary>
    public long RightHash(int id) => _rightHash[id];

    /// <summary>
    /// Stores the zero-level context (previous step's facts → current sensor facts). Returns true when it is new
    /// (it is then excluded from this step's update); an existing one is marked zero-level.
    /// </summary>
    public bool AddZeroLevelContext(long[] leftFacts, long[] rightFacts)
    {
        var pair = new FactPair(leftFacts, rightFacts);
        if (TryAdd(pair, zeroLevel: true, out int id))
        {
            _newContextId = id;
            return true;
        }

        _zeroLevel[id] = true;
        return false;
    }

    /// <summary>
    /// Crosses the current sensor facts with the right semi-contexts, then updates every context whose left
    /// side was complete at the previous left crossing, and collects the active contexts and the proposed ones.
    /// </summary>
    /// <returns>
    /// The active contexts (ids, in visiting order; valid until the next call), the number of contexts whose
    /// left side was complete, and the proposed new contexts (in the order CAD OSE proposes them).
    /// </returns>
    /// <param name="sensorFacts">The current sensor facts, sorted and distinct.</param>
    /// <param name="newContextFlag">Whether this step's zero-level context was new (only then are contexts proposed).</param>
    /// <param name="learn">When false the statistics stay as they are (the contexts are still matched).</param>
    public (List<int> Active, int Selected, List<FactPair> Potential) CrossRight(long[] sensorFacts, bool newContextFlag, bool learn = true)
    {
        _right.Cross(sensorFacts);
        _active.Clear();
        _potential.Clear();
        int selected = 0;
        // Python compares the context id with newContextID, which is False (== 0) when no context was created.
        int skip = _newContextId == NoNewContext ? 0 : _newContextId;
        foreach (int leftId in _left.Crossed)
        {
            int leftLength = _left.Length(leftId);
            int leftMatched = _left.Matched(leftId);
            bool complete = leftLength == leftMatched;
            bool mayPropose = newContextFlag && leftMatched <= _maxLeftSemiContextLength;
            if (!complete && !mayPropose)
            {
                continue;
            }

            long[]? leftMatchedFacts = null;
            var contexts = _left.Contexts(leftId);
            int slots = contexts.SlotCount;
            for (int slot = 0; slot < slots; slot++)
            {
                int rightId = contexts.KeyAt(slot);
                if (rightId < 0)
                {
                    continue;
                }

                int id = contexts.ValueAt(slot);
                if (id == skip)
                {
                    continue;
                }

                int rightLength = _right.Length(rightId);
                int rightMatched = _right.Matched(rightId);
                bool propose;
                if (complete)
                {
                    selected++;
                    if (learn)
                    {
                        _total[id] += rightLength;
                    }

                    if (rightMatched <= 0)
                    {
                        continue;
                    }

                    if (learn)
                    {
                        _hits[id] += rightMatched;
                    }

                    if (rightLength == rightMatched)
                    {
                        if (learn)
                        {
                            _activations[id]++;
                        }

                        _active.Add(id);
                        continue;
                    }

                    propose = _zeroLevel[id] && newContextFlag;
                }
                else
                {
                    propose = _zeroLevel[id] && rightMatched > 0;
                }

                if (propose && leftMatched <= _maxLeftSemiContextLength)
                {
                    leftMatchedFacts ??= _left.MatchedFacts(leftId);
                    _potential.Add(new FactPair(leftMatchedFacts, _right.MatchedFacts(rightId)));
                }
            }
        }

        _newContextId = NoNewContext;
        return (_active, selected, _potential);
    }

    /// <summary>
    /// Stores the proposed contexts, crosses the new left facts with the left semi-contexts, and predicts the
    /// next sensor facts: the right facts of the complete-left contexts with the highest hit rate.
    /// </summary>
    /// <param name="leftFacts">The new left facts: sensor facts, then the active neurons' facts, ascending.</param>
    /// <param name="potential">The proposed contexts, stored first.</param>
    /// <param name="predict">Whether to compute the prediction (only the predictive edition uses it).</param>
    /// <returns>The number of proposed contexts that were new, and the predicted facts (sorted, distinct; empty unless <paramref name="predict"/>).</returns>
    public (int Added, long[] Predicted) CrossLeft(long[] leftFacts, List<FactPair> potential, bool predict)
    {
        int added = 0;
        foreach (var pair in potential)
        {
            if (TryAdd(pair, zeroLevel: false, out _))
            {
                added++;
            }
        }

        _left.Cross(leftFacts);
        if (!predict)
        {
            return (added, []);
        }

        double best = 0.0;
        _predicting.Clear();
        foreach (int leftId in _left.Crossed)
        {
            if (_left.Length(leftId) != _left.Matched(leftId))
            {
                continue;
            }

            var contexts = _left.Contexts(leftId);
            int slots = contexts.SlotCount;
            for (int slot = 0; slot < slots; slot++)
            {
                if (contexts.KeyAt(slot) < 0)
                {
                    continue;
                }

                int id = contexts.ValueAt(slot);
                double weight = _total[id] > 0 ? _hits[id] / (double)_total[id] : 0.0;
                if (weight > best)
                {
                    best = weight;
                    _predicting.Clear();
                    _predicting.Add(id);
                }
                else if (weight == best)
                {
                    _predicting.Add(id);
                }
            }
        }

        return (added, Union(_predicting));
    }

    /// <summary>Writes every semi-context, context and the pending state.</summary>
    public void WriteState(BinaryWriter writer)
    {
        _left.WriteState(writer);
        _right.WriteState(writer);
        writer.Write(ContextCount);
        for (int id = 0; id < ContextCount; id++)
        {
            writer.Write(_total[id]);
            writer.Write(_hits[id]);
            writer.Write(_activations[id]);
            writer.Write(_zeroLevel[id]);
            writer.Write(_leftHash[id]);
            writer.Write(_rightHash[id]);
            SemiContextTable.WriteFacts(writer, _rightFacts[id]);
        }

        writer.Write(_newContextId);
    }

    /// <summary>Reads the state <see cref="WriteState"/> wrote into this empty memory.</summary>
    /// <exception cref="InvalidDataException">The state is inconsistent.</exception>
    public void ReadState(BinaryReader reader)
    {
        _left.ReadState(reader);
        _right.ReadState(reader);
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"Invalid context count {count}.");
        }

        for (int id = 0; id < count; id++)
        {
            EnsureCapacity(id + 1);
            _total[id] = reader.ReadInt32();
            _hits[id] = reader.ReadInt32();
            _activations[id] = reader.ReadInt32();
            _zeroLevel[id] = reader.ReadBoolean();
            _leftHash[id] = reader.ReadInt64();
            _rightHash[id] = reader.ReadInt64();
            _rightFacts[id] = SemiContextTable.ReadFacts(reader);
        }

        ContextCount = count;
        _newContextId = reader.ReadInt32();
        if (_newContextId < NoNewContext || _newContextId >= count)
        {
            throw new InvalidDataException($"Invalid pending context id {_newContextId}.");
        }
    }

    private bool TryAdd(FactPair pair, bool zeroLevel, out int id)
    {
        int leftId = _left.GetOrAdd(pair.Left, pair.LeftHash);
        int rightId = _right.GetOrAdd(pair.Right, pair.RightHash);
        int next = ContextCount;
        id = _left.Contexts(leftId).SetDefault(rightId, next);
        if (id != next)
        {
            return false;
        }

        EnsureCapacity(next + 1);
        _total[id] = 0;
        _hits[id] = 0;
        _activations[id] = 0;
        _zeroLevel[id] = zeroLevel;
        _leftHash[id] = pair.LeftHash;
        _rightHash[id] = pair.RightHash;
        _rightFacts[id] = pair.Right;
        ContextCount = next + 1;
        return true;
    }

    private void EnsureCapacity(int size)
    {
        if (size <= _total.Length)
        {
            return;
        }

        int capacity = Math.Max(size, _total.Length * 2);
        Array.Resize(ref _total, capacity);
        Array.Resize(ref _hits, capacity);
        Array.Resize(ref _activations, capacity);
        Array.Resize(ref _zeroLevel, capacity);
        Array.Resize(ref _leftHash, capacity);
        Array.Resize(ref _rightHash, capacity);
        Array.Resize(ref _rightFacts, capacity);
    }

    private long[] Union(List<int> contexts)
    {
        if (contexts.Count == 0)
        {
            return [];
        }

        var facts = new SortedSet<long>();
        foreach (int id in contexts)
        {
            foreach (long fact in _rightFacts[id])
            {
                facts.Add(fact);
            }
        }

        var result = new long[facts.Count];
        facts.CopyTo(result);
        return result;
    }
}
