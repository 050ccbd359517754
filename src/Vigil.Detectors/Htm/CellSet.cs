namespace Vigil.Detectors.Htm;

/// <summary>A set of cell indices with O(1) membership and O(size) clear and copy; no allocation after construction.</summary>
internal sealed class CellSet
{
    private readonly bool[] _mask;
    private readonly int[] _list;

    public CellSet(int cells)
    {
        _mask = new bool[cells];
        _list = new int[cells];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<int> Items => _list.AsSpan(0, Count);

    public bool Contains(int cell) => _mask[cell];

    /// <summary>Membership by cell index (true = in the set), for hot loops that count members without bounds checks.</summary>
    public bool[] Mask => _mask;

    public void Add(int cell)
    {
        if (!_mask[cell])
        {
            _mask[cell] = true;
            _list[Count++] = cell;
        }
    }

    public void Clear()
    {
        for (int i = 0; i < Count; i++)
        {
            _mask[_list[i]] = false;
        }

        Count = 0;
    }

    public void CopyFrom(CellSet other)
    {
        Clear();
        foreach (int c in other.Items)
        {
            Add(c);
        }
    }
}
