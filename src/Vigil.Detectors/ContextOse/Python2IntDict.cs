namespace Vigil.Detectors.ContextOse;

/// <summary>
/// A dictionary from non-negative ints to ints that iterates in the order a CPython 2.7 <c>dict</c> does:
/// hash-table slot order. CAD OSE walks such a dict (right semi-context → context) when it collects new
/// contexts, and that order decides the ids the new contexts get, so the port must reproduce it.
/// </summary>
/// <remarks>
/// CPython 2.7's table: 8 slots to start; a key with hash h (an int's hash is its value) goes to slot
/// <c>h &amp; mask</c>, and on a collision probes <c>i = 5i + perturb + 1</c> (unsigned, masked when indexing),
/// <c>perturb &gt;&gt;= 5</c> after each probe, starting from <c>perturb = h</c>. After an insertion that makes
/// <c>3 · fill ≥ 2 · size</c> the table grows to the smallest power of two above 4 · used (2 · used beyond 50000
/// entries) and the entries are reinserted in old slot order. Keys are never deleted here, so fill = used.
/// Only insertion (<c>setdefault</c>) and iteration are needed.
/// </remarks>
public sealed class Python2IntDict
{
    private const int MinSize = 8;
    private const int PerturbShift = 5;
    private const int Empty = -1;

    private int[] _keys;
    private int[] _values;

    /// <summary>An empty dict (8 slots, as CPython's <c>{}</c>).</summary>
    public Python2IntDict()
        : this(MinSize)
    {
    }

    private Python2IntDict(int size)
    {
        _keys = new int[size];
        _values = new int[size];
        Array.Fill(_keys, Empty);
    }

    /// <summary>Number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>Number of slots of the table (a power of two); iteration visits them in order.</summary>
    public int SlotCount => _keys.Length;

    /// <summary>The key in slot <paramref name="slot"/>, or −1 when the slot is empty.</summary>
    public int KeyAt(int slot) => _keys[slot];

    /// <summary>The value in slot <paramref name="slot"/> (meaningful only when the slot holds a key).</summary>
    public int ValueAt(int slot) => _values[slot];

    /// <summary>
    /// Python's <c>d.setdefault(key, value)</c>: the value stored under <paramref name="key"/>, after storing
    /// <paramref name="value"/> there when the key was absent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The key is negative (only non-negative ids are stored).</exception>
    public int SetDefault(int key, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        int slot = Probe(_keys, key);
        if (_keys[slot] == key)
        {
            return _values[slot];
        }

        _keys[slot] = key;
        _values[slot] = value;
        Count++;
        if (Count * 3 >= _keys.Length * 2)
        {
            Resize(Count > 50000 ? 2 * Count : 4 * Count);
        }

        return value;
    }

    /// <summary>Writes the table as is (slot layout included), so a restored dict iterates identically.</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_keys.Length);
        writer.Write(Count);
        for (int slot = 0; slot < _keys.Length; slot++)
        {
            if (_keys[slot] != Empty)
            {
                writer.Write(slot);
                writer.Write(_keys[slot]);
                writer.Write(_values[slot]);
            }
        }
    }

    /// <summary>Reads a table written by <see cref="WriteState"/>.</summary>
    /// <exception cref="InvalidDataException">The layout is inconsistent.</exception>
    public static Python2IntDict ReadState(BinaryReader reader)
    {
        int size = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (size < MinSize || (size & (size - 1)) != 0 || count < 0 || count * 3 >= size * 2)
        {
            throw new InvalidDataException($"Invalid context table layout ({count} entries in {size} slots).");
        }

        var dict = new Python2IntDict(size) { Count = count };
        for (int i = 0; i < count; i++)
        {
            int slot = reader.ReadInt32();
            int key = reader.ReadInt32();
            int value = reader.ReadInt32();
            if ((uint)slot >= (uint)size || key < 0 || dict._keys[slot] != Empty)
            {
                throw new InvalidDataException($"Invalid context table entry (slot {slot}, key {key}).");
            }

            dict._keys[slot] = key;
            dict._values[slot] = value;
        }

        return dict;
    }

    private static int Probe(int[] keys, int key)
    {
        ulong mask = (ulong)keys.Length - 1;
        ulong hash = (ulong)key;
        ulong i = hash & mask;
        ulong perturb = hash;
        while (true)
        {
            int current = keys[(int)(i & mask)];
            if (current == Empty || current == key)
            {
                return (int)(i & mask);
            }

            unchecked
            {
                i = (i << 2) + i + perturb + 1;
            }

            perturb >>= PerturbShift;
        }
    }

    private void Resize(int minUsed)
    {
        int size = MinSize;
        while (size <= minUsed)
        {
            size <<= 1;
        }

        int[] oldKeys = _keys;
        int[] oldValues = _values;
        _keys = new int[size];
        _values = new int[size];
        Array.Fill(_keys, Empty);
        for (int slot = 0; slot < oldKeys.Length; slot++)
        {
            if (oldKeys[slot] != Empty)
            {
                int target = Probe(_keys, oldKeys[slot]);
                _keys[target] = oldKeys[slot];
                _values[target] = oldValues[slot];
            }
        }
    }
}
