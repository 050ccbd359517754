using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>The study grain's answer to an ask: a trial to run under a lease, or wait, or stop.</summary>
/// <param name="Kind">Run, wait or finished.</param>
/// <param name="Number">The trial's number (when <see cref="TicketKind.Run"/>).</param>
/// <param name="OptionsJson">The trial's parameters as detector options (JSON object).</param>
/// <param name="Lease">The lease id to quote in reports and the tell.</param>
/// <param name="RenewEvery">How often the worker renews its lease.</param>
[GenerateSerializer, Immutable]
public sealed record TrialTicketDto(
    [property: Id(0)] TicketKind Kind,
    [property: Id(1)] int Number,
    [property: Id(2)] string OptionsJson,
    [property: Id(3)] string Lease,
    [property: Id(4)] TimeSpan RenewEvery)
{
    /// <summary>Wait: earlier trials must finish before the next one can be sampled, or every trial is handed out and running.</summary>
    public static TrialTicketDto Wait { get; } = new(TicketKind.Wait, -1, "", "", TimeSpan.Zero);

    /// <summary>Stop: every trial of the budget has ended.</summary>
    public static TrialTicketDto Finished { get; } = new(TicketKind.Finished, -1, "", "", TimeSpan.Zero);
}
