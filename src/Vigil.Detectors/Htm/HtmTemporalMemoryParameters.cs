namespace Vigil.Detectors.Htm;

/// <summary>Parameters of <see cref="BacktrackingTemporalMemory"/>; the defaults are those NAB's numenta detector runs with (docs htm.md §6.2).</summary>
public sealed record HtmTemporalMemoryParameters
{
    /// <summary>Columns (NAB: 2048).</summary>
    public int ColumnCount { get; init; } = 2048;

    /// <summary>Cells per column (NAB: 32).</summary>
    public int CellsPerColumn { get; init; } = 32;

    /// <summary>Active synapses for a segment to be active (NAB: 13).</summary>
    public int ActivationThreshold { get; init; } = 13;

    /// <summary>Active synapses for a segment to match when choosing a learning cell (NAB: 10).</summary>
    public int MinThreshold { get; init; } = 10;

    /// <summary>Synapses a learning segment grows to (NAB: 20).</summary>
    public int NewSynapseCount { get; init; } = 20;

    /// <summary>Permanence of new synapses (NAB: 0.21).</summary>
    public float InitialPermanence { get; init; } = 0.21f;

    /// <summary>Connected threshold (wrapper default 0.5).</summary>
    public float ConnectedPermanence { get; init; } = 0.5f;

    /// <summary>Reinforcement increment (NAB: 0.1).</summary>
    public float PermanenceIncrement { get; init; } = 0.1f;

    /// <summary>Decrement of a reinforced segment's inactive synapses (NAB: 0.1).</summary>
    public float PermanenceDecrement { get; init; } = 0.1f;

    /// <summary>Largest permanence (1.0).</summary>
    public float PermanenceMax { get; init; } = 1.0f;

    /// <summary>Slots per cell (NAB: 128).</summary>
    public int MaxSegmentsPerCell { get; init; } = 128;

    /// <summary>Synapses per segment (NAB: 32).</summary>
    public int MaxSynapsesPerSegment { get; init; } = 32;

    /// <summary>Steps the learning state survives without predictions (NAB: 3).</summary>
    public int PamLength { get; init; } = 3;

    /// <summary>Inference backtrack depth (wrapper default 10).</summary>
    public int MaxInfBacktrack { get; init; } = 10;

    /// <summary>Learning backtrack depth (wrapper default 5).</summary>
    public int MaxLrnBacktrack { get; init; } = 5;

    /// <summary>Forced restart period in learned steps (wrapper default 32).</summary>
    public int MaxSeqLength { get; init; } = 32;

    /// <summary>Seed of the TM's generator (NAB: 1960).</summary>
    public ulong Seed { get; init; } = 1960;
}
