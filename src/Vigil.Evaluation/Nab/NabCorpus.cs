using System.Text.Json;
using Vigil.IO;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// The NAB corpus read in place from its root folder: <c>data/&lt;category&gt;/&lt;name&gt;.csv</c>,
/// <c>labels/combined_windows.json</c> and <c>config/profiles.json</c> (nab-scoring.md §1).
/// </summary>
/// <remarks>
/// Loading validates the layout and the windows file; each data file is scanned lazily the first time its row
/// count or windows are needed. Thread-safe after construction.
/// </remarks>
public sealed class NabCorpus
{
    private readonly Dictionary<string, NabDataFile> _byPath;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<NabProfile, NabScorer> _scorers = new(ReferenceEqualityComparer.Instance);

    private NabCorpus(string root, IReadOnlyList<NabDataFile> files, IReadOnlyList<NabProfile> profiles)
    {
        Root = root;
        Files = files;
        Profiles = profiles;
        _byPath = files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        int windows = 0;
        foreach (var file in files)
        {
            windows += file.WindowCount;
        }

        TotalWindows = windows;
    }

    /// <summary>The corpus root folder (full path).</summary>
    public string Root { get; }

    /// <summary>The data files, sorted ordinally by <see cref="NabDataFile.RelativePath"/>.</summary>
    public IReadOnlyList<NabDataFile> Files { get; }

    /// <summary>The cost profiles of <c>config/profiles.json</c>, in file order.</summary>
    public IReadOnlyList<NabProfile> Profiles { get; }

    /// <summary>Number of windows in <c>labels/combined_windows.json</c> (116 for NAB v1.1).</summary>
    public int TotalWindows { get; }

    /// <summary>Path of <c>config/thresholds.json</c>.</summary>
    public string ThresholdsPath => Path.Combine(Root, "config", "thresholds.json");

    /// <summary>Path of the <c>results</c> folder.</summary>
    public string ResultsRoot => Path.Combine(Root, "results");

    /// <summary>Loads the corpus at <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The root or its <c>data</c> folder is missing (the message names it).</exception>
    /// <exception cref="FileNotFoundException">The windows or profiles file is missing (the message names it).</exception>
    /// <exception cref="FormatException">The windows file is malformed or its keys do not match the data files (all mismatches are listed).</exception>
    public static NabCorpus Load(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"NAB corpus root not found: {full}");
        }

        string data = Path.Combine(full, "data");
        if (!Directory.Exists(data))
        {
            throw new DirectoryNotFoundException($"NAB corpus at {full} has no 'data' folder (expected {data}).");
        }

        string windowsPath = Path.Combine(full, "labels", "combined_windows.json");
        if (!File.Exists(windowsPath))
        {
            throw new FileNotFoundException($"NAB corpus at {full} has no windows file (expected {windowsPath}).", windowsPath);
        }

        string profilesPath = Path.Combine(full, "config", "profiles.json");
        if (!File.Exists(profilesPath))
        {
            throw new FileNotFoundException($"NAB corpus at {full} has no profiles file (expected {profilesPath}).", profilesPath);
        }

        var profiles = NabProfile.LoadAll(profilesPath);
        var windows = ReadWindows(windowsPath);
        var relativePaths = new List<string>();
        foreach (string category in Directory.EnumerateDirectories(data))
        {
            foreach (string csv in Directory.EnumerateFiles(category, "*.csv"))
            {
                relativePaths.Add(Path.GetRelativePath(data, csv).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        relativePaths.Sort(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (string path in relativePaths)
        {
            if (!windows.ContainsKey(path))
            {
                problems.Add($"data file '{path}' has no key in {windowsPath}");
            }
        }

        var known = new HashSet<string>(relativePaths, StringComparer.Ordinal);
        foreach (string key in windows.Keys.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(key))
            {
                problems.Add($"windows key '{key}' has no data file {Path.Combine(data, key)}");
            }
        }

        if (relativePaths.Count == 0)
        {
            problems.Add($"no data files under {data}");
        }

        if (problems.Count > 0)
        {
            throw new FormatException($"NAB corpus at {full} is inconsistent:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        var files = new NabDataFile[relativePaths.Count];
        for (int i = 0; i < files.Length; i++)
        {
            files[i] = new NabDataFile(data, relativePaths[i], windows[relativePaths[i]]);
        }

        return new NabCorpus(full, files, profiles);
    }

    /// <summary>The data file with the given path relative to <c>data/</c> (forward or back slashes).</summary>
    /// <exception cref="KeyNotFoundException">No such file in the corpus.</exception>
    public NabDataFile Get(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        if (_byPath.TryGetValue(relativePath.Replace('\\', '/'), out var file))
        {
            return file;
        }

        throw new KeyNotFoundException($"'{relativePath}' is not a data file of the NAB corpus at {Root}.");
    }

    /// <summary>
    /// One shared scorer per profile, so that each file's potential values are computed once per corpus rather than
    /// once per detector scored.
    /// </summary>
    internal NabScorer ScorerFor(NabProfile profile) => _scorers.GetOrAdd(profile, p => new NabScorer(p));

    /// <summary>Whether the corpus has a data file with this relative path.</summary>
    public bool Contains(string relativePath) => _byPath.ContainsKey(relativePath.Replace('\\', '/'));

    /// <summary>
    /// Files of <paramref name="category"/> (exact, case-insensitive; null = all) whose relative path, file name or
    /// name matches <paramref name="fileGlob"/> (<c>*</c> and <c>?</c>, case-insensitive; null = all), in corpus order.
    /// </summary>
    public IEnumerable<NabDataFile> Filter(string? category, string? fileGlob)
    {
        foreach (var file in Files)
        {
            if (category is not null && !file.Category.Equals(category, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (fileGlob is not null && !Glob.IsMatch(fileGlob, file.RelativePath) && !Glob.IsMatch(fileGlob, file.Name)
                && !Glob.IsMatch(fileGlob, file.Name + ".csv"))
            {
                continue;
            }

            yield return file;
        }
    }

    private static Dictionary<string, (DateTimeOffset Start, DateTimeOffset End)[]> ReadWindows(string path)
    {
        var result = new Dictionary<string, (DateTimeOffset, DateTimeOffset)[]>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{path}: expected a JSON object keyed by data-file path.");
            }

            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"{path}: value of '{entry.Name}' must be a list of [start, end] pairs.");
                }

                var list = new List<(DateTimeOffset, DateTimeOffset)>();
                foreach (var pair in entry.Value.EnumerateArray())
                {
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                    {
                        throw new FormatException($"{path}: '{entry.Name}' has a window that is not a [start, end] pair.");
                    }

                    list.Add((Time(path, entry.Name, pair[0]), Time(path, entry.Name, pair[1])));
                }

                result[entry.Name.Replace('\\', '/')] = [.. list];
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON ({e.Message}).", e);
        }

        return result;
    }

    private static DateTimeOffset Time(string path, string key, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String && TimestampParser.TryParse(element.GetString(), out var time))
        {
            return time;
        }

        throw new FormatException($"{path}: '{key}' has a window boundary {element} that is not a timestamp.");
    }
}
