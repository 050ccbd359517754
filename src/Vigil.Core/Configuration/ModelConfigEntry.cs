namespace Vigil.Configuration;

/// <summary>One <c>key: value</c> line of a model config section.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, unquoted.</param>
/// <param name="Quoted">Whether the value was quoted (then it is text, never a number or boolean).</param>
/// <param name="Line">1-based line number in the file.</param>
public sealed record ModelConfigEntry(string Key, string Value, bool Quoted, int Line);
