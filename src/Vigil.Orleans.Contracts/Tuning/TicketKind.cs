using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>What an ask returned.</summary>
[GenerateSerializer]
public enum TicketKind
{
    /// <summary>Run the trial.</summary>
    Run,

    /// <summary>Ask again a little later.</summary>
    Wait,

    /// <summary>The study is finished.</summary>
    Finished,
}
