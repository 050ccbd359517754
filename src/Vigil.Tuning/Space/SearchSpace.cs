using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tuning.Space;

/// <summary>
/// The parameters a study tunes, in declaration order (a conditional parameter comes after its parent). Immutable.
/// </summary>
public sealed class SearchSpace
{
    private readonly Dictionary<string, ParameterDistribution> _byName;

    /// <summary>Creates a space; validates names, ranges and conditions.</summary>
    /// <exception cref="SearchSpaceException">Duplicate name, empty or inverted range, a condition on an unknown or later parameter.</exception>
    public SearchSpace(IEnumerable<ParameterDistribution> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        _byName = new Dictionary<string, ParameterDistribution>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            Validate(p);
            if (p.Condition is { } c)
            {
                if (!_byName.TryGetValue(c.Parent, out var parent) || parent is not CategoricalDistribution cat)
                {
                    throw new SearchSpaceException(p.Name, $"'{p.Name}': its condition names '{c.Parent}', which is not a categorical parameter declared before it.");
                }

                foreach (string choice in c.Choices)
                {
                    if (cat.IndexOf(choice) < 0)
                    {
                        throw new SearchSpaceException(p.Name, $"'{p.Name}': condition value '{choice}' is not a choice of '{c.Parent}' ({cat.Describe()}).");
                    }
                }
            }

            if (!_byName.TryAdd(p.Name, p))
            {
                throw new SearchSpaceException(p.Name, $"'{p.Name}' is declared twice.");
            }
        }
    }

    /// <summary>The parameters in declaration order.</summary>
    public IReadOnlyList<ParameterDistribution> Parameters { get; }

    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public ParameterDistribution? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Whether every parameter can be enumerated (a grid is possible).</summary>
    public bool IsFinite => Parameters.All(p => p.IsFinite);

    /// <summary>Whether <paramref name="parameter"/> exists given the values chosen so far for its parent.</summary>
    public bool IsActive(ParameterDistribution parameter, IReadOnlyDictionary<string, double> chosen)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(chosen);
        if (parameter.Condition is not { } c)
        {
            return true;
        }

        var parent = (CategoricalDistribution)_byName[c.Parent];
        if (!IsActive(parent, chosen) || !chosen.TryGetValue(c.Parent, out double index))
        {
            return false;
        }

        string text = parent.Format(index);
        return c.Choices.Any(x => string.Equals(x, text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The parameters as the JSON object of detector options they set (inactive parameters are absent).</summary>
    public JsonObject ToOptions(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var json = new JsonObject();
        foreach (var p in Parameters)
        {
            if (values.TryGetValue(p.Name, out double v))
            {
                json[p.Name] = p.ToJson(v);
            }
        }

        return json;
    }

    /// <summary>The parameters as <c>name=value</c> pairs separated by spaces, in declaration order.</summary>
    public string Format(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        foreach (var p in Parameters)
        {
            if (values.TryGetValue(p.Name, out double v))
            {
                text.Append(text.Length > 0 ? " " : "").Append(p.Name).Append('=').Append(p.Format(v));
            }
        }

        return text.ToString();
    }

    /// <summary>The space as JSON (stored with a study so that a resumed or second process can check it tunes the same space).</summary>
    public string Describe()
    {
        var json = new JsonObject();
        foreach (var p in Parameters)
        {
            string text = p.Describe();
            if (p.Condition is { } c)
            {
                text += $" when {c.Parent} in {string.Join(',', c.Choices)}";
            }

            json[p.Name] = p switch
            {
                IntDistribution => "int " + text,
                FloatDistribution => "float " + text,
                _ => "categorical " + text,
            };
        }

        return json.ToJsonString();
    }

    /// <summary>Number of points of the full grid (product of every parameter's values; conditionals counted as if always active).</summary>
    public long GridSize() => Parameters.Aggregate(1L, (n, p) => checked(n * p.GridPoints().Count));

    private static void Validate(ParameterDistribution p)
    {
        if (string.IsNullOrWhiteSpace(p.Name))
        {
            throw new SearchSpaceException("(name)", "A parameter needs a name.");
        }

        switch (p)
        {
            case IntDistribution i:
                CheckRange(p.Name, i.Low, i.High);
                if (i.Step < 1)
                {
                    throw new SearchSpaceException(p.Name, $"'{p.Name}': step must be at least 1, got {i.Step}.");
                }

                if (i.Log && i.Low < 1)
                {
                    throw new SearchSpaceException(p.Name, $"'{p.Name}': a log range needs a lower bound of at least 1, got {i.Low}.");
                }

                break;
            case FloatDistribution f:
                if (!double.IsFinite(f.Low) || !double.IsFinite(f.High))
                {
                    throw new SearchSpaceException(p.Name, $"'{p.Name}': bounds must be finite numbers.");
                }

                CheckRange(p.Name, f.Low, f.High);
                if (f.Log && f.Low <= 0)
                {
                    throw new SearchSpaceException(p.Name, string.Create(CultureInfo.InvariantCulture, $"'{p.Name}': a log range needs a lower bound above 0, got {f.Low}."));
                }

                if (f.Step is { } s && !(s > 0))
                {
                    throw new SearchSpaceException(p.Name, $"'{p.Name}': step must be above 0.");
                }

                break;
            case CategoricalDistribution c when c.Choices.Count == 0:
                throw new SearchSpaceException(p.Name, $"'{p.Name}': no values to choose from.");
        }
    }

    private static void CheckRange(string name, double low, double high)
    {
        if (low > high)
        {
            throw new SearchSpaceException(name, string.Create(CultureInfo.InvariantCulture, $"'{name}': inverted range {low}..{high} (the lower bound comes first)."));
        }

        if (low == high)
        {
            throw new SearchSpaceException(name, string.Create(CultureInfo.InvariantCulture, $"'{name}': empty range {low}..{high}; to fix a value, list it: {name}={low}."));
        }
    }
}
