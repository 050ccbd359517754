namespace Vigil.Detectors.Htm;

public sealed partial class BacktrackingTemporalMemory
{
    // ------------------------------------------------------------------ segment storage and adaptSegment

    private int NewSegmentId(int cell)
    {
        if (_segmentCount == _segSize.Length)
        {
            GrowSegments(_segSize.Length * 2);
        }

        int s = _segmentCount++;
        _segCell[s] = cell;
        int capacity = Math.Max(_p.MaxSynapsesPerSegment, _p.NewSynapseCount) + 8;
        _synSrc[s] = new int[capacity];
        _synPerm[s] = new float[capacity];
        ref var slots = ref _cellSlots[cell];
        slots ??= new int[4];
        if (_cellSlotCount[cell] == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
        }

        slots[_cellSlotCount[cell]++] = s;
        return s;
    }

    private void EnsureSynapseCapacity(int s, int size)
    {
        if (_synSrc[s].Length < size)
        {
            int capacity = Math.Max(size, _synSrc[s].Length * 2);
            Array.Resize(ref _synSrc[s], capacity);
            Array.Resize(ref _synPerm[s], capacity);
        }
    }

    private void AppendOut(int source, int s)
    {
        ref var list = ref _out[source];
        list ??= new int[8];
        if (_outCount[source] == list.Length)
        {
            Array.Resize(ref list, list.Length * 2);
        }

        list[_outCount[source]++] = s;
    }

    // Erases the first entry for segment s from source's out list (swap with last, drop last).
    private void EraseOut(int source, int s)
    {
        var list = _out[source];
        int count = _outCount[source];
        for (int i = 0; i < count; i++)
        {
            if (list[i] == s)
            {
                list[i] = list[count - 1];
                _outCount[source] = count - 1;
                return;
            }
        }
    }

    private void Release(int s)
    {
        _segSize[s] = 0;
        _segSequence[s] = false;
        _segConnected[s] = 0;
        _segTotal[s] = 0;
        _segPositive[s] = 0;
        int cell = _segCell[s];
        ref var free = ref _cellFree[cell];
        free ??= new int[4];
        for (int i = 0; i < _cellFreeCount[cell]; i++)
        {
            if (free[i] == s)
            {
                return;
            }
        }

        if (_cellFreeCount[cell] == free.Length)
        {
            Array.Resize(ref free, free.Length * 2);
        }

        free[_cellFreeCount[cell]++] = s;
    }

    private void AdaptSegment(SegmentUpdate u)
    {
        if (u.Segment == New)
        {
            CreateSegment(u);
            return;
        }

        int s = u.Segment;
        if (_segSize[s] == 0)
        {
            return;
        }

        _segLastActive[s] = _nLrnIterations;
        _segPositive[s]++;
        DutyCycle(s, active: true);

        var src = u.Src.AsSpan(0, u.SrcCount);
        foreach (int c in src)
        {
            _uMask[c] = 1;
        }

        int decCount;
        int incCount;
        Split(s, out decCount, out incCount);
        _removedCount = 0;
        ApplyDelta(s, _decSrc.AsSpan(0, decCount), -_p.PermanenceDecrement);
        if (_removedCount > 0 && !_staleIndices)
        {
            foreach (int c in src)
            {
                _uMask[c] = 1;
            }

            Split(s, out decCount, out incCount);
        }

        ApplyDelta(s, _incSrc.AsSpan(0, incCount), _p.PermanenceIncrement);

        int newCount = 0;
        foreach (int c in src)
        {
            newCount += _uMask[c] == 1 ? 1 : 0;
        }

        int size = _segSize[s];
        if (newCount + size > _p.MaxSynapsesPerSegment)
        {
            FreeSynapses(s, newCount + size - _p.MaxSynapsesPerSegment, decCount, incCount);
            size = _segSize[s];
        }

        if (newCount > 0)
        {
            EnsureSynapseCapacity(s, size + newCount);
            var ssrc = _synSrc[s];
            var sperm = _synPerm[s];
            foreach (int c in src)
            {
                if (_uMask[c] == 1)
                {
                    ssrc[size] = c;
                    sperm[size] = _p.InitialPermanence;
                    size++;
                    AppendOut(c, s);
                }
            }

            _segSize[s] = size;
            Array.Sort(ssrc, sperm, 0, size);
        }

        foreach (int c in src)
        {
            _uMask[c] = 0;
        }

        if (_removedCount > 0)
        {
            for (int i = 0; i < _removedCount; i++)
            {
                EraseOut(_removed[i], s);
            }

            int connected = 0;
            var perm = _synPerm[s];
            for (int i = 0; i < size; i++)
            {
                connected += perm[i] >= _p.ConnectedPermanence ? 1 : 0;
            }

            _segConnected[s] = connected;
        }

        if (size == 0)
        {
            Release(s);
        }
    }

    private void CreateSegment(SegmentUpdate u)
    {
        int cell = u.Cell;
        int s;
        if (_cellFreeCount[cell] > 0)
        {
            s = _cellFree[cell][--_cellFreeCount[cell]];
        }
        else
        {
            s = NewSegmentId(cell);
        }

        int n = u.SrcCount;
        EnsureSynapseCapacity(s, n);
        u.Src.AsSpan(0, n).CopyTo(_synSrc[s]);
        _synPerm[s].AsSpan(0, n).Fill(_p.InitialPermanence);
        _segSize[s] = n;
        _segSequence[s] = u.Sequence;
        _segConnected[s] = _p.InitialPermanence >= _p.ConnectedPermanence ? n : 0;
        _segTotal[s] = 1;
        _segPositive[s] = 1;
        _segLastActive[s] = _nLrnIterations;
        _segDutyCycle[s] = (float)(1.0 / _nLrnIterations);
        _segDutyCycleIteration[s] = _nLrnIterations;
        for (int i = 0; i < n; i++)
        {
            AppendOut(u.Src[i], s);
        }
    }

    // Splits the segment's synapses by the mask (1 = in the update): "dec" (not in it) and "inc" (in it,
    // mask then set to 2, leaving 1 only on the new sources). Positions are recorded as well as sources.
    private void Split(int s, out int decCount, out int incCount)
    {
        int size = _segSize[s];
        if (_decSrc.Length < size)
        {
            int c = Math.Max(size, _decSrc.Length * 2);
            Array.Resize(ref _decSrc, c);
            Array.Resize(ref _decPos, c);
            Array.Resize(ref _incSrc, c);
            Array.Resize(ref _incPos, c);
        }

        decCount = 0;
        incCount = 0;
        var src = _synSrc[s];
        for (int i = 0; i < size; i++)
        {
            int c = src[i];
            if (_uMask[c] == 0)
            {
                _decSrc[decCount] = c;
                _decPos[decCount++] = i;
            }
            else
            {
                _incSrc[incCount] = c;
                _incPos[incCount++] = i;
                _uMask[c] = 2;
            }
        }
    }

    private void AddRemoved(int source)
    {
        if (_removedCount == _removed.Length)
        {
            Array.Resize(ref _removed, _removed.Length * 2);
        }

        _removed[_removedCount++] = source;
    }

    // Adds delta to the synapses whose source is in `sources` (ascending); those reaching ≤ 0 are deleted.
    // Deletion compacts in place and leaves the buffer's tail as it was (see §6.9).
    private void ApplyDelta(int s, ReadOnlySpan<int> sources, float delta)
    {
        if (sources.Length == 0)
        {
            return;
        }

        int size = _segSize[s];
        var src = _synSrc[s];
        var perm = _synPerm[s];
        float connectedPerm = _p.ConnectedPermanence;
        int j = 0;
        int deleted = 0;
        Span<int> toDelete = stackalloc int[size];
        for (int i = 0; i < size && j < sources.Length; i++)
        {
            if (src[i] != sources[j])
            {
                continue;
            }

            j++;
            float old = perm[i];
            float value = Math.Min(old + delta, _p.PermanenceMax);
            if (value <= 0f)
            {
                toDelete[deleted++] = i;
                AddRemoved(src[i]);
            }

            perm[i] = value;
            _segConnected[s] += (value >= connectedPerm ? 1 : 0) - (old >= connectedPerm ? 1 : 0);
        }

        if (deleted > 0)
        {
            _segSize[s] = RemoveAt(src, perm, size, toDelete[..deleted]);
        }
    }

    // Removes the (ascending) positions from the first `size` entries, compacting in place without touching
    // the tail; positions at or past `size` are ignored, as the reference's remove_at does.
    private static int RemoveAt(int[] src, float[] perm, int size, ReadOnlySpan<int> positions)
    {
        int d = 0;
        int w = 0;
        for (int i = 0; i < size; i++)
        {
            if (d < positions.Length && positions[d] == i)
            {
                d++;
                continue;
            }

            src[w] = src[i];
            perm[w] = perm[i];
            w++;
        }

        return w;
    }

    private void FreeSynapses(int s, int m, int decCount, int incCount)
    {
        var src = _synSrc[s];
        var perm = _synPerm[s];
        int n = 0;
        if (_freeCand.Length < decCount + incCount)
        {
            Array.Resize(ref _freeCand, decCount + incCount);
        }

        for (int i = 0; i < decCount; i++)
        {
            int pos = _decPos[i];
            _freeCand[n++] = (pos, perm[pos]);
        }

        if (n < m)
        {
            for (int i = 0; i < incCount; i++)
            {
                int pos = _incPos[i];
                _freeCand[n++] = (pos, perm[pos] + _p.PermanenceMax);
            }
        }

        // Stable insertion sort by key.
        var cand = _freeCand.AsSpan(0, n);
        for (int i = 1; i < n; i++)
        {
            var x = cand[i];
            int k = i - 1;
            while (k >= 0 && cand[k].Key > x.Key)
            {
                cand[k + 1] = cand[k];
                k--;
            }

            cand[k + 1] = x;
        }

        int take = Math.Min(m, n);
        Span<int> del = stackalloc int[take];
        for (int i = 0; i < take; i++)
        {
            del[i] = cand[i].Pos;
            AddRemoved(src[cand[i].Pos]);
        }

        del.Sort();
        _segSize[s] = RemoveAt(src, perm, _segSize[s], del);
    }
}
