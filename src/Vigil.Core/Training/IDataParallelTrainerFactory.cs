namespace Vigil.Training;

/// <summary>
/// Creates data-parallel replicas for the detectors a package can train that way. Lets a host (an Orleans silo, the
/// local driver) train a model without referencing the package's heavy dependencies: the host composes a factory
/// and only sees <see cref="IDataParallelReplica"/>.
/// </summary>
public interface IDataParallelTrainerFactory
{
    /// <summary>Whether this factory trains <paramref name="detector"/> (a registry name).</summary>
    bool CanTrain(string detector);

    /// <summary>A replica for <paramref name="plan"/>: freshly initialised from the options' seed, or restored from <paramref name="checkpoint"/>.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="NotSupportedException">The detector or an option (e.g. dropout) cannot be trained data-parallel.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is corrupt or of another model.</exception>
    IDataParallelReplica CreateReplica(DataParallelPlan plan, byte[]? checkpoint = null);
}
