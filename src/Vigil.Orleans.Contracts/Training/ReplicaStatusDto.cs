namespace Vigil.Orleans.Training;

/// <summary>Where a started replica stands.</summary>
/// <param name="NextStep">The step its next gradient is for (the checkpoint's step after a restart).</param>
/// <param name="TotalSteps">Steps of the whole training.</param>
[GenerateSerializer, Immutable]
public sealed record ReplicaStatusDto(int NextStep, int TotalSteps);
