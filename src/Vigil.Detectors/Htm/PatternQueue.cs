namespace Vigil.Detectors.Htm;

/// <summary>A bounded deque of active-column lists, oldest first, reusing its buffers.</summary>
internal sealed class PatternQueue
{
    private readonly int[][] _items;
    private readonly int[] _lengths;
    private int _head;

    public PatternQueue(int capacity)
    {
        _items = new int[capacity + 1][];
        _lengths = new int[capacity + 1];
        for (int i = 0; i < _items.Length; i++)
        {
            _items[i] = [];
        }
    }

    public int Count { get; private set; }

    public ReadOnlySpan<int> this[int index]
    {
        get
        {
            int slot = (_head + index) % _items.Length;
            return _items[slot].AsSpan(0, _lengths[slot]);
        }
    }

    public void Push(ReadOnlySpan<int> pattern)
    {
        if (Count == _items.Length)
        {
            PopFront();
        }

        int slot = (_head + Count) % _items.Length;
        if (_items[slot].Length < pattern.Length)
        {
            _items[slot] = new int[Math.Max(pattern.Length, 64)];
        }

        pattern.CopyTo(_items[slot]);
        _lengths[slot] = pattern.Length;
        Count++;
    }

    public void PopFront()
    {
        if (Count == 0)
        {
            return;
        }

        _head = (_head + 1) % _items.Length;
        Count--;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
