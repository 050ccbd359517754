using System.Globalization;
using Vigil.Detection;

namespace Vigil.Persistence;

/// <summary>
/// Named, versioned models on disk: <c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;/model.vigil</c> with versions 1, 2, ...
/// A reference is <c>NAME</c> (the latest version) or <c>NAME@VERSION</c>. Models saved before versions existed
/// (<c>&lt;name&gt;/model.vigil</c>, or a <c>vigil.trained-model/1</c> folder) are version 0 and still load.
/// </summary>
/// <remarks>
/// A version folder is written whole or not at all: the archive is written into a hidden temporary folder beside
/// it, which is then renamed into place (a rename within one folder is atomic). Safe with several processes saving
/// the same name at once: each gets its own version.
/// </remarks>
/// <param name="root">The folder holding the models (e.g. <c>models/trained</c>).</param>
public sealed class ModelRepository(string root)
{
    /// <summary>The archive's file name inside a version folder.</summary>
    public const string ArchiveFile = "model.vigil";

    /// <summary>The folder holding the models.</summary>
    public string Root { get; } = root;

    /// <summary>Checks a model name: a plain folder name without <c>@</c>.</summary>
    /// <exception cref="ArgumentException">The name is not valid (the message says why).</exception>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or ".." || name.Contains('@', StringComparison.Ordinal) || name.StartsWith('.'))
        {
            throw new ArgumentException($"Model name '{name}' is not valid: use a plain folder name (no '/', '@', or leading '.').", nameof(name));
        }
    }

    /// <summary>Every version of every model, by name then version.</summary>
    public IReadOnlyList<StoredModel> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .SelectMany(n => Versions(n!))
            .ToList();
    }

    /// <summary>The versions of <paramref name="name"/>, oldest first (empty when there is none).</summary>
    public IReadOnlyList<StoredModel> Versions(string name)
    {
        ValidateName(name);
        string folder = Path.Combine(Root, name);
        var versions = new List<StoredModel>();
        if (!Directory.Exists(folder))
        {
            return versions;
        }

        if (File.Exists(Path.Combine(folder, ArchiveFile)))
        {
            versions.Add(new StoredModel(name, 0, Path.Combine(folder, ArchiveFile), false));
        }
        else if (File.Exists(Path.Combine(folder, ModelStore.ManifestEntry)))
        {
            versions.Add(new StoredModel(name, 0, folder, true));
        }

        foreach (string sub in Directory.EnumerateDirectories(folder))
        {
            if (int.TryParse(Path.GetFileName(sub), NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 0
                && File.Exists(Path.Combine(sub, ArchiveFile)))
            {
                versions.Add(new StoredModel(name, version, Path.Combine(sub, ArchiveFile), false));
            }
        }

        return versions.OrderBy(v => v.Version).ToList();
    }

    /// <summary>Resolves <c>NAME</c> (latest version) or <c>NAME@VERSION</c>.</summary>
    /// <exception cref="ArgumentException">The reference is malformed.</exception>
    /// <exception cref="FileNotFoundException">No such model or version (the message lists what exists).</exception>
    public StoredModel Resolve(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        int at = reference.IndexOf('@', StringComparison.Ordinal);
        string name = at < 0 ? reference : reference[..at];
        ValidateName(name);
        int? wanted = null;
        if (at >= 0)
        {
            string v = reference[(at + 1)..];
            if (v == "latest")
            {
                wanted = null;
            }
            else if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                wanted = number;
            }
            else
            {
                throw new ArgumentException($"Model reference '{reference}': the version after '@' must be a number or 'latest'.", nameof(reference));
            }
        }

        var versions = Versions(name);
        if (versions.Count == 0)
        {
            throw new FileNotFoundException($"No saved model '{name}' in {Root}; save one with 'vigil detect ... --save-model {name}' or 'vigil model train -n {name} ...'.");
        }

        return wanted is null ? versions[^1]
            : versions.FirstOrDefault(v => v.Version == wanted)
              ?? throw new FileNotFoundException($"Model '{name}' has no version {wanted} (versions: {string.Join(", ", versions.Select(v => v.Version))}).");
    }

    /// <summary>Reads a model's manifest without restoring it.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable model.</exception>
    public ModelManifest ReadManifest(StoredModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.IsTrainedModelFolder)
        {
            return ModelStore.ReadTrainedModelFolderManifest(model.Path);
        }

        using var stream = File.OpenRead(model.Path);
        return ModelStore.ReadManifest(stream);
    }

    /// <summary>Loads and restores a model.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid model (the message names the problem and the file).</exception>
    public SavedModel Load(StoredModel model, DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.IsTrainedModelFolder)
        {
            return ModelStore.LoadTrainedModelFolder(model.Path, registry);
        }

        try
        {
            using var stream = File.OpenRead(model.Path);
            return ModelStore.Load(stream, registry);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{model.Path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Saves a new version of <paramref name="name"/>: <paramref name="write"/> writes the archive into a temporary
    /// folder, which is renamed to the next version number only once complete.
    /// </summary>
    /// <returns>The stored version.</returns>
    public StoredModel SaveNewVersion(string name, Action<Stream> write)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(write);
        string folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            using (var file = new FileStream(Path.Combine(temp, ArchiveFile), FileMode.CreateNew, FileAccess.Write))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }

            for (int attempt = 0; ; attempt++)
            {
                int version = Versions(name).Where(v => v.Version > 0).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;
                string target = Path.Combine(folder, version.ToString(CultureInfo.InvariantCulture));
                try
                {
                    Directory.Move(temp, target);
                    return new StoredModel(name, version, Path.Combine(target, ArchiveFile), false);
                }
                catch (IOException) when (attempt < 20 && Directory.Exists(target))
                {
                    // Another process took this version number first: take the next one.
                }
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Deletes one version (<c>NAME@VERSION</c>) or, for a bare <c>NAME</c>, every version of it.</summary>
    /// <returns>The versions deleted.</returns>
    public IReadOnlyList<StoredModel> Delete(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!reference.Contains('@', StringComparison.Ordinal))
        {
            var all = Versions(reference);
            if (all.Count == 0)
            {
                throw new FileNotFoundException($"No saved model '{reference}' in {Root}.");
            }

            Directory.Delete(Path.Combine(Root, reference), recursive: true);
            return all;
        }

        var model = Resolve(reference);
        if (model.Version == 0)
        {
            Directory.Delete(Path.Combine(Root, model.Name), recursive: true);
        }
        else
        {
            Directory.Delete(Path.GetDirectoryName(model.Path)!, recursive: true);
        }

        return [model];
    }
}
