using Vigil.Detection;

namespace Vigil.Detectors.Onnx.LstmAutoencoder;

/// <summary>Options of <see cref="LstmAutoencoderOnnxDetector"/>.</summary>
public sealed record LstmAutoencoderOnnxOptions : DetectorOptions
{
    /// <summary>
    /// Path of the exported model (<c>vigil model export --format onnx</c> writes <c>models/trained/&lt;name&gt;/model.onnx</c>).
    /// The window length is read from the model.
    /// </summary>
    public string Model { get; init; } = "";
}
