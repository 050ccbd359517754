using System.ComponentModel.DataAnnotations;

namespace Vigil.Detection;

/// <summary>How <see cref="BatchAsStreaming"/> trains a batch detector on the past.</summary>
/// <param name="TrainLength">Points collected before the first fit (e.g. NAB's probationary length); until then scores are 0.</param>
/// <param name="RefitEvery">Refit after this many further points; 0 never refits.</param>
/// <param name="TrainWindow">Refits use at most this many trailing points; 0 uses all points so far.</param>
public sealed record RefitPolicy(
    [property: Range(1, int.MaxValue)] int TrainLength,
    [property: Range(0, int.MaxValue)] int RefitEvery = 0,
    [property: Range(0, int.MaxValue)] int TrainWindow = 0);
