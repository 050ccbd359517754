using Orleans;

namespace Vigil.Orleans.Tuning;

/// <summary>Who holds a running trial, and until when.</summary>
/// <param name="Id">The lease id the worker quotes.</param>
/// <param name="Silo">The worker's silo (parsable silo address).</param>
/// <param name="Expires">When the lease runs out unless renewed.</param>
[GenerateSerializer, Immutable]
public sealed record TrialLease([property: Id(0)] string Id, [property: Id(1)] string Silo, [property: Id(2)] DateTimeOffset Expires);
