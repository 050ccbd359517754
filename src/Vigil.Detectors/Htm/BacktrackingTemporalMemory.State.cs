namespace Vigil.Detectors.Htm;

public sealed partial class BacktrackingTemporalMemory
{
    /// <summary>
    /// Writes the complete state (segments, out-synapse index in its exact order, cell states, pending
    /// updates, counters and the generator) so that a restored model continues bit for bit.
    /// </summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_nLrnIterations);
        writer.Write(_nIterations);
        writer.Write(_pamCounter);
        writer.Write(_learnedSeqLength);
        writer.Write(_avgInputDensity);
        _rng.WriteState(writer);

        writer.Write(_segmentCount);
        for (int s = 0; s < _segmentCount; s++)
        {
            writer.Write(_segCell[s]);
            int size = _segSize[s];
            writer.Write(size);
            for (int i = 0; i < size; i++)
            {
                writer.Write(_synSrc[s][i]);
                writer.Write(_synPerm[s][i]);
            }

            writer.Write(_segConnected[s]);
            writer.Write(_segSequence[s]);
            writer.Write(_segTotal[s]);
            writer.Write(_segPositive[s]);
            writer.Write(_segLastActive[s]);
            writer.Write(_segDutyCycle[s]);
            writer.Write(_segDutyCycleIteration[s]);
        }

        for (int c = 0; c < _cells; c++)
        {
            WriteInts(writer, _cellSlots[c], _cellSlotCount[c]);
            WriteInts(writer, _cellFree[c], _cellFreeCount[c]);
            WriteInts(writer, _out[c], _outCount[c]);
        }

        foreach (var set in new[] { _infActive, _infPredicted, _infPredictedPrev, _lrnActive, _lrnActivePrev, _lrnPredicted, _lrnPredictedPrev })
        {
            writer.Write(set.Count);
            foreach (int cell in set.Items)
            {
                writer.Write(cell);
            }
        }

        writer.Write(_touchedColCount);
        for (int i = 0; i < _touchedColCount; i++)
        {
            writer.Write(_touchedCols[i]);
            writer.Write(_colConfidence[_touchedCols[i]]);
        }

        WritePatterns(writer, _prevInfPatterns);
        WritePatterns(writer, _prevLrnPatterns);
        writer.Write(_updates.Count);
        foreach (var u in _updates)
        {
            writer.Write(u.Cell);
            writer.Write(u.Segment);
            writer.Write(u.Sequence);
            writer.Write(u.Timestamp);
            WriteInts(writer, u.Src, u.SrcCount);
        }
    }

    /// <summary>Reads state written by <see cref="WriteState"/> into a fresh memory built with the same parameters.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (_segmentCount != 0 || _nLrnIterations != 0)
        {
            throw new InvalidOperationException("State can only be read into a fresh temporal memory.");
        }

        _nLrnIterations = reader.ReadInt32();
        _nIterations = reader.ReadInt32();
        _pamCounter = reader.ReadInt32();
        _learnedSeqLength = reader.ReadInt32();
        _avgInputDensity = reader.ReadSingle();
        _rng.ReadState(reader);

        int segments = ReadCount(reader, 29);
        if (segments > _segSize.Length)
        {
            GrowSegments(Math.Max(segments, _segSize.Length * 2));
        }

        int capacity = Math.Max(_p.MaxSynapsesPerSegment, _p.NewSynapseCount) + 8;
        for (int s = 0; s < segments; s++)
        {
            _segCell[s] = reader.ReadInt32();
            if ((uint)_segCell[s] >= (uint)_cells)
            {
                throw new InvalidDataException($"HTM state is corrupt or does not fit the options: segment {s} belongs to cell {_segCell[s]} of {_cells}.");
            }

            int size = ReadCount(reader, 8);
            _synSrc[s] = new int[Math.Max(capacity, size)];
            _synPerm[s] = new float[Math.Max(capacity, size)];
            for (int i = 0; i < size; i++)
            {
                _synSrc[s][i] = reader.ReadInt32();
                _synPerm[s][i] = reader.ReadSingle();
            }

            _segSize[s] = size;
            _segConnected[s] = reader.ReadInt32();
            _segSequence[s] = reader.ReadBoolean();
            _segTotal[s] = reader.ReadInt32();
            _segPositive[s] = reader.ReadInt32();
            _segLastActive[s] = reader.ReadInt32();
            _segDutyCycle[s] = reader.ReadSingle();
            _segDutyCycleIteration[s] = reader.ReadInt32();
        }

        _segmentCount = segments;
        for (int c = 0; c < _cells; c++)
        {
            _cellSlotCount[c] = ReadInts(reader, ref _cellSlots[c]!);
            _cellFreeCount[c] = ReadInts(reader, ref _cellFree[c]!);
            _outCount[c] = ReadInts(reader, ref _out[c]!);
        }

        foreach (var set in new[] { _infActive, _infPredicted, _infPredictedPrev, _lrnActive, _lrnActivePrev, _lrnPredicted, _lrnPredictedPrev })
        {
            set.Clear();
            int count = ReadCount(reader, 4);
            for (int i = 0; i < count; i++)
            {
                set.Add(reader.ReadInt32());
            }
        }

        _touchedColCount = ReadCount(reader, 8, _touchedCols.Length);
        for (int i = 0; i < _touchedColCount; i++)
        {
            _touchedCols[i] = reader.ReadInt32();
            if ((uint)_touchedCols[i] >= (uint)_colConfidence.Length)
            {
                throw new InvalidDataException($"HTM state is corrupt or does not fit the options: column {_touchedCols[i]} of {_colConfidence.Length}.");
            }

            _colConfidence[_touchedCols[i]] = reader.ReadSingle();
        }

        ReadPatterns(reader, _prevInfPatterns);
        ReadPatterns(reader, _prevLrnPatterns);
        int updates = ReadCount(reader, 13);
        for (int i = 0; i < updates; i++)
        {
            var u = new SegmentUpdate
            {
                Cell = reader.ReadInt32(),
                Segment = reader.ReadInt32(),
                Sequence = reader.ReadBoolean(),
                Timestamp = reader.ReadInt32(),
            };
            u.SrcCount = ReadInts(reader, ref u.Src!);
            _updates.Add(u);
        }
    }

    /// <summary>
    /// The learned connections as JSON: one object per live segment with its cell, sequence flag, duty cycle
    /// and synapses (source cell, permanence).
    /// </summary>
    public void WriteConnectionsJson(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var json = new System.Text.Json.Utf8JsonWriter(destination, new System.Text.Json.JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteNumber("columnCount", _columns);
        json.WriteNumber("cellsPerColumn", _cellsPerColumn);
        json.WriteNumber("iterations", _nLrnIterations);
        json.WriteStartArray("segments");
        for (int c = 0; c < _cells; c++)
        {
            for (int k = 0; k < _cellSlotCount[c]; k++)
            {
                int s = _cellSlots[c][k];
                if (_segSize[s] == 0)
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteNumber("cell", c);
                json.WriteNumber("slot", k);
                json.WriteBoolean("sequence", _segSequence[s]);
                json.WriteNumber("dutyCycle", _segDutyCycle[s]);
                json.WriteStartArray("synapses");
                for (int i = 0; i < _segSize[s]; i++)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(_synSrc[s][i]);
                    json.WriteNumberValue(_synPerm[s][i]);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteInts(BinaryWriter writer, int[]? values, int count)
    {
        writer.Write(count);
        for (int i = 0; i < count; i++)
        {
            writer.Write(values![i]);
        }
    }

    // Implementation note: every count read from a state is checked against the bytes left before anything is
    // allocated, so a state that does not fit its options (or is damaged) fails at once instead of allocating
    // gigabytes from a misread count.
    private static int ReadCount(BinaryReader reader, int bytesPerItem, int max = int.MaxValue)
    {
        int count = reader.ReadInt32();
        long left = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;
        if (count < 0 || count > max || (long)count * bytesPerItem > left)
        {
            throw new InvalidDataException($"HTM state is corrupt or does not fit the options: a count of {count} where at most {Math.Min(max, left / bytesPerItem)} is possible.");
        }

        return count;
    }

    private static int ReadInts(BinaryReader reader, ref int[]? values)
    {
        int count = ReadCount(reader, 4);
        if (count > 0)
        {
            values = new int[Math.Max(count, 4)];
            for (int i = 0; i < count; i++)
            {
                values[i] = reader.ReadInt32();
            }
        }

        return count;
    }

    private static void WritePatterns(BinaryWriter writer, PatternQueue queue)
    {
        writer.Write(queue.Count);
        for (int i = 0; i < queue.Count; i++)
        {
            var p = queue[i];
            writer.Write(p.Length);
            foreach (int c in p)
            {
                writer.Write(c);
            }
        }
    }

    private static void ReadPatterns(BinaryReader reader, PatternQueue queue)
    {
        queue.Clear();
        int count = ReadCount(reader, 4);
        for (int i = 0; i < count; i++)
        {
            var p = new int[ReadCount(reader, 4)];
            for (int k = 0; k < p.Length; k++)
            {
                p[k] = reader.ReadInt32();
            }

            queue.Push(p);
        }
    }
}
