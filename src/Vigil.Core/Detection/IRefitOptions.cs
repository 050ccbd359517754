namespace Vigil.Detection;

/// <summary>
/// Options of a batch detector that say how it refits when run causally under <see cref="BatchAsStreaming"/>;
/// harnesses (NAB, <c>vigil detect</c>) build the <see cref="RefitPolicy"/> from them.
/// </summary>
public interface IRefitOptions
{
    /// <summary>Refit after this many further points; 0 never refits.</summary>
    int RefitEvery { get; }

    /// <summary>Refits use at most this many trailing points; 0 uses all points so far.</summary>
    int TrainWindow { get; }
}
