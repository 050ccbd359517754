namespace Vigil.Detectors.ContextOse;

/// <summary>
/// One side (left or right) of CAD OSE's context memory: the semi-contexts (sets of facts), keyed by their
/// Python 2 tuple hash, the index from each fact to the semi-contexts holding it, and the result of the last
/// crossing with a set of current facts (how many of each semi-context's facts are present).
/// </summary>
/// <remarks>
/// Ids are given in creation order and never reused. A semi-context's facts are sorted ascending (CAD OSE
/// always builds them from sorted fact tuples), so the facts it had in common with the last crossing are
/// recovered by a sorted intersection instead of being stored. Left semi-contexts also hold the map from a
/// right semi-context to the context they form together, with CPython 2.7's iteration order.
/// </remarks>
internal sealed class SemiContextTable
{
    private readonly bool _holdsContexts;
    private readonly Dictionary<long, int> _idByHash = [];
    private readonly Dictionary<long, IntList> _idsByFact = [];
    private long[][] _facts = new long[256][];
    private long[] _hashes = new long[256];
    private int[] _matched = new int[256];
    private Python2IntDict[] _contexts;
    private int[] _crossed = new int[256];
    private long[] _lastCrossedFacts = [];

    public SemiContextTable(bool holdsContexts)
    {
        _holdsContexts = holdsContexts;
        _contexts = holdsContexts ? new Python2IntDict[256] : [];
    }

    /// <summary>Number of semi-contexts.</summary>
    public int Count { get; private set; }

    /// <summary>Semi-contexts that shared at least one fact with the last crossing, ascending ids.</summary>
    public ReadOnlySpan<int> Crossed => _crossed.AsSpan(0, CrossedCount);

    private int CrossedCount { get; set; }

    /// <summary>Number of facts of semi-context <paramref name="id"/>.</summary>
    public int Length(int id) => _facts[id].Length;

    /// <summary>How many of its facts were present at the last crossing.</summary>
    public int Matched(int id) => _matched[id];

    /// <summary>The right semi-context → context map of left semi-context <paramref name="id"/>.</summary>
    public Python2IntDict Contexts(int id) => _contexts[id];

    /// <summary>
    /// The id of the semi-context with <paramref name="hash"/>, creating it with <paramref name="facts"/> (kept, not copied)
    /// when there is none. As in CAD OSE, a semi-context is identified by the hash of its fact tuple alone.
    /// </summary>
    public int GetOrAdd(long[] facts, long hash)
    {
        if (_idByHash.TryGetValue(hash, out int id))
        {
            return id;
        }

        id = Count;
        Append(facts, hash, null);
        _idByHash.Add(hash, id);
        return id;
    }

    /// <summary>Counts, for every semi-context, how many of <paramref name="facts"/> (sorted, distinct) it holds.</summary>
    public void Cross(long[] facts)
    {
        var crossed = _crossed.AsSpan(0, CrossedCount);
        foreach (int id in crossed)
        {
            _matched[id] = 0;
        }

        int touched = 0;
        foreach (long fact in facts)
        {
            if (!_idsByFact.TryGetValue(fact, out var ids))
            {
                continue;
            }

            var span = ids.AsSpan();
            for (int i = 0; i < span.Length; i++)
            {
                int id = span[i];
                if (_matched[id]++ == 0)
                {
                    if (touched == _crossed.Length)
                    {
                        Array.Resize(ref _crossed, _crossed.Length * 2);
                    }

                    _crossed[touched++] = id;
                }
            }
        }

        // CAD OSE lists the crossed semi-contexts in creation order; that order decides the order of new contexts.
        Array.Sort(_crossed, 0, touched);
        CrossedCount = touched;
        _lastCrossedFacts = facts;
    }

    /// <summary>The facts semi-context <paramref name="id"/> had in common with the last crossing, ascending.</summary>
    public long[] MatchedFacts(int id)
    {
        long[] facts = _facts[id];
        long[] present = _lastCrossedFacts;
        var result = new long[_matched[id]];
        int n = 0;
        int j = 0;
        foreach (long fact in facts)
        {
            while (j < present.Length && present[j] < fact)
            {
                j++;
            }

            if (j < present.Length && present[j] == fact)
            {
                result[n++] = fact;
            }
        }

        return n == result.Length ? result : result[..n];
    }

    /// <summary>Writes every semi-context and the last crossing.</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Count);
        for (int id = 0; id < Count; id++)
        {
            writer.Write(_hashes[id]);
            WriteFacts(writer, _facts[id]);
            if (_holdsContexts)
            {
                _contexts[id].WriteState(writer);
            }
        }

        writer.Write(CrossedCount);
        foreach (int id in Crossed)
        {
            writer.Write(id);
            writer.Write(_matched[id]);
        }

        WriteFacts(writer, _lastCrossedFacts);
    }

    /// <summary>Reads the state <see cref="WriteState"/> wrote into this empty table.</summary>
    /// <exception cref="InvalidDataException">The state is inconsistent.</exception>
    public void ReadState(BinaryReader reader)
    {
        if (Count != 0)
        {
            throw new InvalidOperationException("ReadState needs an empty table.");
        }

        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"Invalid semi-context count {count}.");
        }

        for (int id = 0; id < count; id++)
        {
            long hash = reader.ReadInt64();
            long[] facts = ReadFacts(reader);
            var contexts = _holdsContexts ? Python2IntDict.ReadState(reader) : null;
            if (!_idByHash.TryAdd(hash, id))
            {
                throw new InvalidDataException($"Duplicate semi-context hash {hash}.");
            }

            Append(facts, hash, contexts);
        }

        int crossed = reader.ReadInt32();
        if (crossed < 0 || crossed > count)
        {
            throw new InvalidDataException($"Invalid crossed semi-context count {crossed}.");
        }

        _crossed = new int[Math.Max(256, crossed)];
        for (int i = 0; i < crossed; i++)
        {
            int id = reader.ReadInt32();
            int matched = reader.ReadInt32();
            if ((uint)id >= (uint)count || matched <= 0 || matched > _facts[id].Length)
            {
                throw new InvalidDataException($"Invalid crossed semi-context {id}.");
            }

            _crossed[i] = id;
            _matched[id] = matched;
        }

        CrossedCount = crossed;
        _lastCrossedFacts = ReadFacts(reader);
    }

    internal static void WriteFacts(BinaryWriter writer, long[] facts)
    {
        writer.Write(facts.Length);
        foreach (long fact in facts)
        {
            writer.Write(fact);
        }
    }

    internal static long[] ReadFacts(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > 1 << 20)
        {
            throw new InvalidDataException($"Invalid fact count {length}.");
        }

        var facts = new long[length];
        for (int i = 0; i < length; i++)
        {
            facts[i] = reader.ReadInt64();
        }

        return facts;
    }

    private void Append(long[] facts, long hash, Python2IntDict? contexts)
    {
        int id = Count;
        if (id == _facts.Length)
        {
            int size = id * 2;
            Array.Resize(ref _facts, size);
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _matched, size);
            if (_holdsContexts)
            {
                Array.Resize(ref _contexts, size);
            }
        }

        _facts[id] = facts;
        _hashes[id] = hash;
        _matched[id] = 0;
        if (_holdsContexts)
        {
            _contexts[id] = contexts ?? new Python2IntDict();
        }

        foreach (long fact in facts)
        {
            if (!_idsByFact.TryGetValue(fact, out var ids))
            {
                ids = new IntList();
                _idsByFact.Add(fact, ids);
            }

            ids.Add(id);
        }

        Count = id + 1;
    }

    /// <summary>A growable list of ints read as a span (no bounds checks per item, no enumerator).</summary>
    private sealed class IntList
    {
        private int[] _items = new int[4];
        private int _count;

        public void Add(int value)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            _items[_count++] = value;
        }

        public ReadOnlySpan<int> AsSpan() => _items.AsSpan(0, _count);
    }
}
