using Vigil.Detection;
using Vigil.Persistence;

namespace Vigil.Cli.Commands;

/// <summary>The model store as the commands use it: references resolved and loaded, errors turned into usage errors.</summary>
public static class ModelStoreAccess
{
    /// <summary>The default <c>--models-dir</c>.</summary>
    public static string DefaultRoot { get; } = Path.Combine("models", "trained");

    /// <summary>Checks a name given to <c>--save-model</c>/<c>-n</c> before any work is done.</summary>
    public static string CheckName(string name)
    {
        try
        {
            ModelRepository.ValidateName(name);
            return name;
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>Resolves <c>NAME[@VERSION]</c>.</summary>
    public static StoredModel Resolve(ModelRepository repository, string reference)
    {
        ArgumentNullException.ThrowIfNull(repository);
        try
        {
            return repository.Resolve(reference);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    /// <summary>Resolves and loads <c>NAME[@VERSION]</c>.</summary>
    public static SavedModel Load(ModelRepository repository, string reference, DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.Load(Resolve(repository, reference), registry);
    }
}
