namespace Vigil.Orleans.Tuning;

/// <summary>How long a study grain's leases last (register a different instance in a silo's services to change it).</summary>
public sealed record StudyGrainSettings
{
    /// <summary>A handed-out trial whose worker renews nothing for this long is handed out again.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often workers renew their leases.</summary>
    public TimeSpan RenewEvery { get; init; } = TimeSpan.FromSeconds(5);
}
