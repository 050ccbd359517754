using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Detectors.Htm;

/// <summary>
/// The backtracking temporal memory behind NAB's <c>numenta</c> detector (NuPIC's <c>BacktrackingTMCPP</c>,
/// the C++ class <c>Cells4</c>), with learning always on and no sequence resets.
/// </summary>
/// <remarks>
/// <para>
/// Specified in docs htm.md §6: one learning cell per active column, start cells, segment duty cycles used as
/// prediction confidences, backtracking on the inference and learning paths, a PAM counter and a forced
/// restart every <c>maxSeqLength</c> learned steps. <see cref="HtmVariant.R0"/> reproduces nupic.core 0.4.10's
/// <c>adaptSegment</c>, whose synapse positions go stale after decrement deletions (§6.9); the synapse
/// buffers keep their stale tails on purpose so that those reads see what the reference saw.
/// </para>
/// <para>
/// Storage is struct-of-arrays: segments are ids into flat per-segment arrays, each with a synapse buffer;
/// a segment id stands for one (cell, slot) pair for the life of the model. Not thread-safe.
/// </para>
/// </remarks>
public sealed partial class BacktrackingTemporalMemory
{
    private static readonly int[] Tiers = [0, 100, 320, 1000, 3200, 10000, 32000, 100000, 320000];
    private static readonly float[] Alphas = [0f, 0.0032f, 0.0010f, 0.00032f, 0.00010f, 0.000032f, 0.000010f, 0.0000032f, 0.0000010f];
    private const int New = -1;

    private readonly HtmTemporalMemoryParameters _p;
    private readonly bool _staleIndices;
    private readonly int _columns;
    private readonly int _cellsPerColumn;
    private readonly int _cells;
    private readonly NupicRandom _rng;

    // Per segment (index = segment id).
    private int[][] _synSrc = [];
    private float[][] _synPerm = [];
    private int[] _segSize = [];
    private int[] _segConnected = [];
    private bool[] _segSequence = [];
    private int[] _segTotal = [];
    private int[] _segPositive = [];
    private int[] _segLastActive = [];
    private float[] _segDutyCycle = [];
    private int[] _segDutyCycleIteration = [];
    private int[] _segCell = [];
    private int _segmentCount;

    // Per cell: slots (segment ids in slot order) and the LIFO stack of free slots (as segment ids).
    private readonly int[][] _cellSlots;
    private readonly int[] _cellSlotCount;
    private readonly int[][] _cellFree;
    private readonly int[] _cellFreeCount;

    // Out-synapse index: per source cell, the segment ids of every synapse reading from it.
    private readonly int[][] _out;
    private readonly int[] _outCount;

    // Forward activity scratch.
    private int[] _segAct = [];
    private readonly int[] _cellAct;
    private int[] _touchedSegs = new int[1024];
    private int _touchedSegCount;
    private readonly int[] _touchedCells;
    private int _touchedCellCount;
    private readonly int[] _sortedCells;

    private readonly CellSet _infActive;
    private readonly CellSet _infPredicted;
    private readonly CellSet _infPredictedPrev;
    private readonly CellSet _lrnActive;
    private readonly CellSet _lrnActivePrev;
    private readonly CellSet _lrnPredicted;
    private readonly CellSet _lrnPredictedPrev;
    private readonly CellSet _backupA;
    private readonly CellSet _backupB;

    private readonly float[] _colConfidence;
    private readonly int[] _touchedCols;
    private int _touchedColCount;

    private readonly PatternQueue _prevInfPatterns;
    private readonly PatternQueue _prevLrnPatterns;
    private readonly List<SegmentUpdate> _updates = [];
    private readonly Stack<SegmentUpdate> _updatePool = new();
    private readonly bool[] _columnMask;

    // adaptSegment scratch.
    private readonly byte[] _uMask;
    private int[] _decSrc = new int[64];
    private int[] _decPos = new int[64];
    private int[] _incSrc = new int[64];
    private int[] _incPos = new int[64];
    private int[] _removed = new int[128];
    private int _removedCount;
    private int[] _candidates;
    private readonly int[] _sampleScratch;
    private (int Pos, float Key)[] _freeCand = new (int, float)[128];

    private int _nLrnIterations;
    private int _nIterations;
    private int _pamCounter;
    private int _learnedSeqLength;
    private float _avgInputDensity;

    /// <summary>Creates an empty temporal memory.</summary>
    /// <param name="parameters">Parameters; <see cref="HtmTemporalMemoryParameters"/> defaults are NAB's.</param>
    /// <param name="variant">R0 emulates nupic.core 0.4.10's stale-index adaptSegment; R1 regenerates the lists.</param>
    public BacktrackingTemporalMemory(HtmTemporalMemoryParameters parameters, HtmVariant variant)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _p = parameters;
        _staleIndices = variant == HtmVariant.R0;
        _columns = parameters.ColumnCount;
        _cellsPerColumn = parameters.CellsPerColumn;
        _cells = _columns * _cellsPerColumn;
        _rng = new NupicRandom(parameters.Seed);
        _cellSlots = new int[_cells][];
        _cellSlotCount = new int[_cells];
        _cellFree = new int[_cells][];
        _cellFreeCount = new int[_cells];
        _out = new int[_cells][];
        _outCount = new int[_cells];
        _cellAct = new int[_cells];
        _touchedCells = new int[_cells];
        _sortedCells = new int[_cells];
        _infActive = new CellSet(_cells);
        _infPredicted = new CellSet(_cells);
        _infPredictedPrev = new CellSet(_cells);
        _lrnActive = new CellSet(_cells);
        _lrnActivePrev = new CellSet(_cells);
        _lrnPredicted = new CellSet(_cells);
        _lrnPredictedPrev = new CellSet(_cells);
        _backupA = new CellSet(_cells);
        _backupB = new CellSet(_cells);
        _colConfidence = new float[_columns];
        _touchedCols = new int[_columns];
        _prevInfPatterns = new PatternQueue(parameters.MaxInfBacktrack + 1);
        _prevLrnPatterns = new PatternQueue(parameters.MaxLrnBacktrack + 1);
        _columnMask = new bool[_columns];
        _uMask = new byte[_cells];
        _candidates = new int[_cells];
        _sampleScratch = new int[_cells];
        _pamCounter = parameters.PamLength;
        GrowSegments(1024);
    }

    /// <summary>Learning iterations so far.</summary>
    public int Iterations => _nLrnIterations;

    /// <summary>Live (non-empty) segments.</summary>
    public int SegmentCount
    {
        get
        {
            int n = 0;
            for (int s = 0; s < _segmentCount; s++)
            {
                n += _segSize[s] > 0 ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>Synapses over all segments.</summary>
    public long SynapseCount
    {
        get
        {
            long n = 0;
            for (int s = 0; s < _segmentCount; s++)
            {
                n += _segSize[s];
            }

            return n;
        }
    }

    /// <summary>Whether <paramref name="column"/> has non-zero confidence after the last step (it is "predicted" for the anomaly score).</summary>
    public bool IsColumnPredicted(int column) => _colConfidence[column] != 0f;

    /// <summary>The learning cells chosen in the last step (ascending).</summary>
    public ReadOnlySpan<int> LearningCells => _lrnActive.Items;

    /// <summary>
    /// The raw anomaly score of <paramref name="activeColumns"/> against the columns predicted by the previous
    /// step: the fraction of active columns without confidence, as float. 0 for an empty input.
    /// </summary>
    public float RawAnomaly(ReadOnlySpan<int> activeColumns)
    {
        if (activeColumns.Length == 0)
        {
            return 0f;
        }

        int predicted = 0;
        foreach (int c in activeColumns)
        {
            predicted += _colConfidence[c] != 0f ? 1 : 0;
        }

        return (float)((activeColumns.Length - predicted) / (double)activeColumns.Length);
    }

    /// <summary>One step: inference, then learning, on the active columns (ascending, distinct).</summary>
    public void Compute(ReadOnlySpan<int> activeColumns, bool learn = true)
    {
        if (learn)
        {
            _nLrnIterations++;
        }

        _nIterations++;
        if (learn && Array.IndexOf(Tiers, _nLrnIterations) > 0)
        {
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_segSize[s] > 0)
                {
                    DutyCycle(s, active: false);
                }
            }
        }

        float n = activeColumns.Length;
        _avgInputDensity = _avgInputDensity == 0f ? n : (0.99f * _avgInputDensity) + ((1f - 0.99f) * n);
        UpdateInferenceState(activeColumns);
        if (learn)
        {
            UpdateLearningState(activeColumns);
        }
    }

    private void GrowSegments(int capacity)
    {
        Array.Resize(ref _synSrc, capacity);
        Array.Resize(ref _synPerm, capacity);
        Array.Resize(ref _segSize, capacity);
        Array.Resize(ref _segConnected, capacity);
        Array.Resize(ref _segSequence, capacity);
        Array.Resize(ref _segTotal, capacity);
        Array.Resize(ref _segPositive, capacity);
        Array.Resize(ref _segLastActive, capacity);
        Array.Resize(ref _segDutyCycle, capacity);
        Array.Resize(ref _segDutyCycleIteration, capacity);
        Array.Resize(ref _segCell, capacity);
        Array.Resize(ref _segAct, capacity);
    }

    // ------------------------------------------------------------------ duty cycle (§6.4)

    private float DutyCycle(int s, bool active)
    {
        int it = _nLrnIterations;
        if (it <= Tiers[1])
        {
            float dc0 = _segPositive[s] / (float)it;
            _segDutyCycle[s] = dc0;
            _segDutyCycleIteration[s] = it;
            return dc0;
        }

        int age = it - _segDutyCycleIteration[s];
        if (age == 0 && !active)
        {
            return _segDutyCycle[s];
        }

        float a = 0f;
        for (int k = Tiers.Length - 1; k >= 1; k--)
        {
            if (it > Tiers[k])
            {
                a = Alphas[k];
                break;
            }
        }

        float dc = (float)(Math.Pow(1.0 - a, age) * _segDutyCycle[s]);
        if (active)
        {
            dc += a;
        }

        _segDutyCycle[s] = dc;
        _segDutyCycleIteration[s] = it;
        return dc;
    }

    // ------------------------------------------------------------------ forward activity

    private void ClearActivity()
    {
        for (int i = 0; i < _touchedSegCount; i++)
        {
            _segAct[_touchedSegs[i]] = 0;
        }

        for (int i = 0; i < _touchedCellCount; i++)
        {
            _cellAct[_touchedCells[i]] = 0;
        }

        _touchedSegCount = 0;
        _touchedCellCount = 0;
    }

    private void ComputeForwardActivity(CellSet sources)
    {
        ClearActivity();
        if (_touchedSegs.Length < _segmentCount)
        {
            Array.Resize(ref _touchedSegs, Math.Max(_segmentCount, _touchedSegs.Length * 2));
        }

        // Implementation note: the hot loop only counts per segment; cell maxima come from one pass over the
        // touched segments afterwards (fewer random reads than updating them per synapse). Refs instead of
        // indexers: this loop is a third of the HTM's time and every index is valid by construction (segment
        // ids < _segmentCount <= _segAct.Length, at most _segmentCount distinct touched segments).
        ref int segAct = ref MemoryMarshal.GetArrayDataReference(_segAct);
        ref int touched = ref MemoryMarshal.GetArrayDataReference(_touchedSegs);
        int touchedCount = 0;
        foreach (int c in sources.Items)
        {
            int count = _outCount[c];
            if (count == 0)
            {
                continue;   // the list may not exist yet
            }

            ref int entry = ref MemoryMarshal.GetArrayDataReference(_out[c]);
            for (int e = 0; e < count; e++)
            {
                int s = Unsafe.Add(ref entry, e);
                ref int act = ref Unsafe.Add(ref segAct, s);
                if (act++ == 0)
                {
                    Unsafe.Add(ref touched, touchedCount++) = s;
                }
            }
        }

        _touchedSegCount = touchedCount;
        ref int segCell = ref MemoryMarshal.GetArrayDataReference(_segCell);
        ref int cellAct = ref MemoryMarshal.GetArrayDataReference(_cellAct);
        for (int i = 0; i < touchedCount; i++)
        {
            int s = Unsafe.Add(ref touched, i);
            int cell = Unsafe.Add(ref segCell, s);
            int act = Unsafe.Add(ref segAct, s);
            ref int best = ref Unsafe.Add(ref cellAct, cell);
            if (act > best)
            {
                if (best == 0)
                {
                    _touchedCells[_touchedCellCount++] = cell;
                }

                best = act;
            }
        }
    }

    // Cells whose activity is at least `threshold`, ascending; returns the count (in _sortedCells).
    private int CellsAtLeast(int threshold)
    {
        int n = 0;
        for (int i = 0; i < _touchedCellCount; i++)
        {
            int cell = _touchedCells[i];
            if (_cellAct[cell] >= threshold)
            {
                _sortedCells[n++] = cell;
            }
        }

        _sortedCells.AsSpan(0, n).Sort();
        return n;
    }

    // ------------------------------------------------------------------ inference (§6.6)

    private void UpdateInferenceState(ReadOnlySpan<int> cols)
    {
        _infPredictedPrev.CopyFrom(_infPredicted);
        if (_prevInfPatterns.Count > _p.MaxInfBacktrack)
        {
            _prevInfPatterns.PopFront();
        }

        _prevInfPatterns.Push(cols);
        if (!InferPhase1(cols, useStartCells: false))
        {
            InferBacktrack();
            return;
        }

        if (!InferPhase2())
        {
            InferBacktrack();
        }
    }

    private bool InferPhase1(ReadOnlySpan<int> cols, bool useStartCells)
    {
        _infActive.Clear();
        int predictedCols = 0;
        if (useStartCells)
        {
            foreach (int col in cols)
            {
                _infActive.Add(col * _cellsPerColumn);
            }

            return true;
        }

        foreach (int col in cols)
        {
            int first = col * _cellsPerColumn;
            bool any = false;
            for (int i = 0; i < _cellsPerColumn; i++)
            {
                if (_infPredictedPrev.Contains(first + i))
                {
                    _infActive.Add(first + i);
                    any = true;
                }
            }

            if (any)
            {
                predictedCols++;
            }
            else
            {
                for (int i = 0; i < _cellsPerColumn; i++)
                {
                    _infActive.Add(first + i);
                }
            }
        }

        return predictedCols >= 0.5 * cols.Length;
    }

    private bool InferPhase2()
    {
        ComputeForwardActivity(_infActive);
        _infPredicted.Clear();
        for (int i = 0; i < _touchedColCount; i++)
        {
            _colConfidence[_touchedCols[i]] = 0f;
        }

        _touchedColCount = 0;
        int threshold = _p.ActivationThreshold;
        int n = CellsAtLeast(threshold);
        int predictedCols = 0;
        float sum = 0f;
        int currentCol = -1;
        bool colPredicted = false;
        for (int i = 0; i < n; i++)
        {
            int cell = _sortedCells[i];
            int col = cell / _cellsPerColumn;
            if (col != currentCol)
            {
                if (currentCol >= 0)
                {
                    sum += _colConfidence[currentCol];
                    predictedCols += colPredicted ? 1 : 0;
                }

                currentCol = col;
                colPredicted = false;
                _touchedCols[_touchedColCount++] = col;
            }

            var slots = _cellSlots[cell];
            int slotCount = _cellSlotCount[cell];
            for (int k = 0; k < slotCount; k++)
            {
                int s = slots[k];
                if (_segAct[s] >= threshold)
                {
                    float dc = DutyCycle(s, active: false);
                    _colConfidence[col] += dc;
                    if (SegmentActive(s, _infActive))
                    {
                        _infPredicted.Add(cell);
                        colPredicted = true;
                    }
                }
            }
        }

        if (currentCol >= 0)
        {
            sum += _colConfidence[currentCol];
            predictedCols += colPredicted ? 1 : 0;
        }

        if (sum > 0f)
        {
            for (int i = 0; i < _touchedColCount; i++)
            {
                _colConfidence[_touchedCols[i]] /= sum;
            }
        }

        return predictedCols >= 0.5 * _avgInputDensity;
    }

    private bool SegmentActive(int s, CellSet active)
    {
        int threshold = _p.ActivationThreshold;
        int size = _segSize[s];
        if (size < threshold || _segConnected[s] < threshold)
        {
            return false;
        }

        // Refs instead of indexers (hot): size <= the buffers' length and sources are cell indices.
        ref int src = ref MemoryMarshal.GetArrayDataReference(_synSrc[s]);
        ref float perm = ref MemoryMarshal.GetArrayDataReference(_synPerm[s]);
        ref bool mask = ref MemoryMarshal.GetArrayDataReference(active.Mask);
        float connected = _p.ConnectedPermanence;
        int count = 0;
        for (int i = 0; i < size; i++)
        {
            if (Unsafe.Add(ref perm, i) >= connected && Unsafe.Add(ref mask, Unsafe.Add(ref src, i)) && ++count >= threshold)
            {
                return true;
            }
        }

        return false;
    }

    private void InferBacktrack()
    {
        int n = _prevInfPatterns.Count;
        if (n == 0)
        {
            return;
        }

        _backupA.CopyFrom(_infActive);
        _backupB.CopyFrom(_infPredictedPrev);
        int candidate = -1;
        int badCount = 0;
        for (int start = 0; start < n; start++)
        {
            bool ok = false;
            for (int off = start; off < n; off++)
            {
                _infPredictedPrev.CopyFrom(_infPredicted);
                ok = InferPhase1(_prevInfPatterns[off], useStartCells: off == start);
                if (!ok)
                {
                    break;
                }

                ok = InferPhase2();
                if (!ok)
                {
                    break;
                }
            }

            if (!ok)
            {
                badCount++;
            }
            else
            {
                candidate = start;
                break;
            }
        }

        if (candidate == -1)
        {
            _infActive.CopyFrom(_backupA);
            InferPhase2();
        }

        // The failed starts are exactly 0..badCount−1; the successful one is popped too.
        int pops = candidate == -1 ? n : candidate + 1;
        for (int i = 0; i < pops; i++)
        {
            _prevInfPatterns.PopFront();
        }

        _ = badCount;
        _infPredictedPrev.CopyFrom(_backupB);
    }
}
