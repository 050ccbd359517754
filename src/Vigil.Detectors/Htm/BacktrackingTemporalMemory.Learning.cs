using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Detectors.Htm;

public sealed partial class BacktrackingTemporalMemory
{
    private sealed class SegmentUpdate
    {
        public int Cell;
        public int Segment;   // segment id, or New
        public bool Sequence;
        public int Timestamp;
        public int[] Src = new int[64];
        public int SrcCount;
    }

    // ------------------------------------------------------------------ learning (§6.7)

    private void UpdateLearningState(ReadOnlySpan<int> cols)
    {
        _lrnActivePrev.CopyFrom(_lrnActive);
        _lrnPredictedPrev.CopyFrom(_lrnPredicted);
        if (_prevLrnPatterns.Count > _p.MaxLrnBacktrack)
        {
            _prevLrnPatterns.PopFront();
        }

        _prevLrnPatterns.Push(cols);
        ProcessSegmentUpdates(cols);
        if (_pamCounter > 0)
        {
            _pamCounter--;
        }

        _learnedSeqLength++;
        if (LearnPhase1(cols, readOnly: false))
        {
            _pamCounter = _p.PamLength;
        }

        if (_pamCounter == 0 || _learnedSeqLength >= _p.MaxSeqLength)
        {
            int backSteps = LearnBacktrack();
            if (backSteps == 0)
            {
                _lrnActive.Clear();
                foreach (int col in cols)
                {
                    _lrnActive.Add(col * _cellsPerColumn);
                }

                _prevLrnPatterns.Clear();
            }

            _pamCounter = _p.PamLength;
            _learnedSeqLength = backSteps;
            ClearUpdates();
        }

        LearnPhase2(readOnly: false);
    }

    private void ClearUpdates()
    {
        foreach (var u in _updates)
        {
            _updatePool.Push(u);
        }

        _updates.Clear();
    }

    private void ProcessSegmentUpdates(ReadOnlySpan<int> cols)
    {
        foreach (int c in cols)
        {
            _columnMask[c] = true;
        }

        foreach (var u in _updates)
        {
            if (_nLrnIterations - u.Timestamp <= 1 && _columnMask[u.Cell / _cellsPerColumn])
            {
                AdaptSegment(u);
            }
        }

        foreach (int c in cols)
        {
            _columnMask[c] = false;
        }

        ClearUpdates();
    }

    private bool LearnPhase1(ReadOnlySpan<int> cols, bool readOnly)
    {
        _lrnActive.Clear();
        int unpredicted = 0;
        foreach (int col in cols)
        {
            int first = col * _cellsPerColumn;
            int predictedCell = -1;
            int predictedCount = 0;
            for (int i = 0; i < _cellsPerColumn; i++)
            {
                if (_lrnPredictedPrev.Contains(first + i))
                {
                    predictedCell = first + i;
                    predictedCount++;
                }
            }

            if (predictedCount == 1)
            {
                _lrnActive.Add(predictedCell);
                continue;
            }

            unpredicted++;
            if (readOnly)
            {
                continue;
            }

            var (cell, s) = BestMatchingCellT1(col);
            if (s >= 0 && _segSequence[s])
            {
                _lrnActive.Add(cell);
                var u = ComputeUpdate(cell, s, _lrnActivePrev, sequence: true);
                _segTotal[s]++;
                if (u is not null)
                {
                    AdaptSegment(u);
                    _updatePool.Push(u);
                }
            }
            else
            {
                cell = CellForNewSegment(col);
                _lrnActive.Add(cell);
                var u = ComputeUpdate(cell, New, _lrnActivePrev, sequence: true);
                if (u is not null)
                {
                    AdaptSegment(u);
                    _updatePool.Push(u);
                }
            }
        }

        return unpredicted < cols.Length / 2;
    }

    private (int Cell, int Segment) BestMatchingCellT1(int col)
    {
        int bestCell = -1;
        int bestSeg = -1;
        int bestAct = _p.MinThreshold;
        int first = col * _cellsPerColumn;
        for (int cell = first; cell < first + _cellsPerColumn; cell++)
        {
            int m = 0;
            int mk = -1;
            var slots = _cellSlots[cell];
            int slotCount = _cellSlotCount[cell];
            for (int k = 0; k < slotCount; k++)
            {
                int s = slots[k];
                int size = _segSize[s];
                if (size == 0)
                {
                    continue;
                }

                int a = CountMembers(_synSrc[s], size, _lrnActivePrev);

                if (a > m)
                {
                    m = a;
                    mk = s;
                }
            }

            if (m >= bestAct)
            {
                bestCell = cell;
                bestSeg = mk;
                bestAct = m;
            }
        }

        return (bestCell, bestSeg);
    }

    // How many of the first `size` sources are in the set. Hot (a fifth of the HTM's time): no bounds checks,
    // valid because sources are cell indices and size <= sources.Length.
    private static int CountMembers(int[] sources, int size, CellSet set)
    {
        ref int src = ref MemoryMarshal.GetArrayDataReference(sources);
        ref bool mask = ref MemoryMarshal.GetArrayDataReference(set.Mask);
        int a = 0;
        for (int i = 0; i < size; i++)
        {
            a += Unsafe.As<bool, byte>(ref Unsafe.Add(ref mask, Unsafe.Add(ref src, i)));
        }

        return a;
    }

    private int CellForNewSegment(int col)
    {
        int first = col * _cellsPerColumn;
        int n = 0;
        for (int cell = first + 1; cell < first + _cellsPerColumn; cell++)
        {
            if (_cellSlotCount[cell] < _p.MaxSegmentsPerCell)
            {
                _candidates[n++] = cell;
            }
        }

        if (n > 0)
        {
            return _candidates[(int)_rng.GetUInt32((uint)n)];
        }

        // Every non-start cell is full: evict the column's segment with the lowest duty cycle.
        float bestDc = 1.0f;
        int victim = -1;
        for (int cell = first + 1; cell < first + _cellsPerColumn; cell++)
        {
            var slots = _cellSlots[cell];
            for (int k = 0; k < _cellSlotCount[cell]; k++)
            {
                int s = slots[k];
                if (_segSize[s] == 0)
                {
                    continue;
                }

                float dc = DutyCycle(s, active: false);
                if (dc < bestDc)
                {
                    bestDc = dc;
                    victim = s;
                }
            }
        }

        if (victim < 0)
        {
            // Not reachable with duty cycles below 1; keep going deterministically rather than fail mid-file.
            return first + 1;
        }

        var vsrc = _synSrc[victim];
        for (int i = 0; i < _segSize[victim]; i++)
        {
            EraseOut(vsrc[i], victim);
        }

        for (int i = _updates.Count - 1; i >= 0; i--)
        {
            if (_updates[i].Segment == victim)
            {
                _updatePool.Push(_updates[i]);
                _updates.RemoveAt(i);
            }
        }

        Release(victim);
        return _segCell[victim];
    }

    private SegmentUpdate? ComputeUpdate(int cell, int s, CellSet active, bool sequence)
    {
        var u = _updatePool.Count > 0 ? _updatePool.Pop() : new SegmentUpdate();
        u.Cell = cell;
        u.Segment = s;
        u.Sequence = sequence;
        u.Timestamp = _nLrnIterations;
        u.SrcCount = 0;
        if (s != New)
        {
            var src = _synSrc[s];
            int size = _segSize[s];
            EnsureSrc(u, size + _p.NewSynapseCount);
            for (int i = 0; i < size; i++)
            {
                if (active.Contains(src[i]))
                {
                    u.Src[u.SrcCount++] = src[i];
                }
            }
        }

        int k = _p.NewSynapseCount - u.SrcCount;
        if (k > 0)
        {
            ChooseCellsToLearnFrom(u, s, k, active);
        }

        if (u.SrcCount == 0)
        {
            _updatePool.Push(u);
            return null;
        }

        return u;
    }

    private static void EnsureSrc(SegmentUpdate u, int size)
    {
        if (u.Src.Length < size)
        {
            Array.Resize(ref u.Src, Math.Max(size, u.Src.Length * 2));
        }
    }

    private void ChooseCellsToLearnFrom(SegmentUpdate u, int s, int k, CellSet active)
    {
        int n = 0;
        foreach (int c in active.Items)
        {
            _candidates[n++] = c;
        }

        var cand = _candidates.AsSpan(0, n);
        cand.Sort();
        if (s != New)
        {
            var src = _synSrc[s];
            int size = _segSize[s];
            for (int i = 0; i < size; i++)
            {
                _uMask[src[i]] = 1;
            }

            int m = 0;
            for (int i = 0; i < n; i++)
            {
                if (_uMask[cand[i]] == 0)
                {
                    cand[m++] = cand[i];
                }
            }

            for (int i = 0; i < size; i++)
            {
                _uMask[src[i]] = 0;
            }

            n = m;
            cand = cand[..n];
        }

        if (n == 0)
        {
            return;
        }

        EnsureSrc(u, u.SrcCount + Math.Min(n, k));
        if (n <= k)
        {
            cand.CopyTo(u.Src.AsSpan(u.SrcCount));
            u.SrcCount += n;
        }
        else if (k == 1)
        {
            u.Src[u.SrcCount++] = cand[(int)_rng.GetUInt32((uint)n)];
        }
        else
        {
            _rng.Sample(cand, k, u.Src.AsSpan(u.SrcCount, k));
            u.SrcCount += k;
        }

        u.Src.AsSpan(0, u.SrcCount).Sort();
    }

    private void LearnPhase2(bool readOnly)
    {
        ComputeForwardActivity(_lrnActive);
        _lrnPredicted.Clear();
        int n = CellsAtLeast(_p.ActivationThreshold);

        // Group by column; within a column the highest cell wins ties, within a cell the lowest slot.
        int i = 0;
        while (i < n)
        {
            int col = _sortedCells[i] / _cellsPerColumn;
            int j = i;
            while (j < n && _sortedCells[j] / _cellsPerColumn == col)
            {
                j++;
            }

            int bestAct = _p.ActivationThreshold - 1;
            int bestCell = -1;
            int bestSeg = -1;
            for (int x = j - 1; x >= i; x--)
            {
                int cell = _sortedCells[x];
                if (_cellAct[cell] <= bestAct)
                {
                    continue;
                }

                var slots = _cellSlots[cell];
                for (int k = 0; k < _cellSlotCount[cell]; k++)
                {
                    int s = slots[k];
                    if (_segAct[s] > bestAct)
                    {
                        bestAct = _segAct[s];
                        bestCell = cell;
                        bestSeg = s;
                    }
                }
            }

            if (bestSeg >= 0)
            {
                _lrnPredicted.Add(bestCell);
                if (!readOnly)
                {
                    var u = ComputeUpdate(bestCell, bestSeg, _lrnActive, sequence: false);
                    if (u is not null)
                    {
                        _updates.Add(u);
                    }

                    _segTotal[bestSeg]++;
                }
            }

            i = j;
        }
    }

    private int LearnBacktrack()
    {
        int m = _prevLrnPatterns.Count - 1;
        if (m <= 0)
        {
            return 0;
        }

        bool ok = false;
        int start = 0;
        for (; start < m; start++)
        {
            ok = LearnBacktrackFrom(start, readOnly: true);
            if (ok)
            {
                break;
            }
        }

        if (!ok)
        {
            _prevLrnPatterns.Clear();
            return 0;
        }

        LearnBacktrackFrom(start, readOnly: false);
        for (int i = 0; i <= start; i++)
        {
            _prevLrnPatterns.PopFront();
        }

        return m - start;
    }

    private bool LearnBacktrackFrom(int start, bool readOnly)
    {
        int n = _prevLrnPatterns.Count;
        int current = n - 1;
        if (!readOnly)
        {
            ClearUpdates();
        }

        bool ok = true;
        for (int off = start; off < n; off++)
        {
            _lrnActivePrev.CopyFrom(_lrnActive);
            _lrnPredictedPrev.CopyFrom(_lrnPredicted);
            var cols = _prevLrnPatterns[off];
            if (!readOnly)
            {
                ProcessSegmentUpdates(cols);
            }

            if (off == start)
            {
                _lrnActive.Clear();
                foreach (int col in cols)
                {
                    _lrnActive.Add(col * _cellsPerColumn);
                }

                ok = true;
            }
            else
            {
                ok = LearnPhase1(cols, readOnly);
            }

            if (!ok || off == current)
            {
                break;
            }

            LearnPhase2(readOnly);
        }

        return ok;
    }
}
