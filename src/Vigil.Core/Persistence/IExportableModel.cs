namespace Vigil.Persistence;

/// <summary>A detector that can write itself in formats other tools read (ONNX, PyTorch, JSON connections).</summary>
public interface IExportableModel
{
    /// <summary>The formats <see cref="Export"/> accepts (lower-case, e.g. <c>onnx</c>, <c>pt</c>, <c>safetensors</c>, <c>json</c>).</summary>
    IReadOnlyList<string> ExportFormats { get; }

    /// <summary>Writes the model in <paramref name="format"/> (one of <see cref="ExportFormats"/>) to <paramref name="destination"/>.</summary>
    /// <exception cref="NotSupportedException">The format is not one of <see cref="ExportFormats"/>, or the model is not fitted.</exception>
    void Export(string format, Stream destination);
}
