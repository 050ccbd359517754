using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Onnx.LstmAutoencoder;

/// <summary>
/// Scores series with an LSTM autoencoder exported to ONNX by <c>lstm-autoencoder</c>, through ONNX Runtime; needs no
/// TorchSharp. The score of a point is the reconstruction error of the window ending at it, as in the original.
/// </summary>
/// <remarks>
/// The model is pre-trained: the detector counts as fitted once loaded and <see cref="Fit"/> changes nothing.
/// <see cref="ScoreSamples"/> is thread-safe (ONNX Runtime sessions support concurrent runs).
/// </remarks>
public sealed class LstmAutoencoderOnnxDetector : DetectorBase<LstmAutoencoderOnnxOptions>, IBatchDetector, IDisposable, Vigil.Persistence.IPersistable, Vigil.Persistence.IExportableModel
{
    private const int Batch = 1024;
    private const uint StateMagic = 0x584E4E4F; // "ONNX"
    private readonly InferenceSession _session;
    private readonly byte[] _model;

    /// <summary>Loads the model named by <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">No model path is given.</exception>
    public LstmAutoencoderOnnxDetector(LstmAutoencoderOnnxOptions options)
        : this(options, null)
    {
    }

    /// <summary>Loads the model from <paramref name="model"/> bytes (or, when null, from <see cref="LstmAutoencoderOnnxOptions.Model"/>).</summary>
    public LstmAutoencoderOnnxDetector(LstmAutoencoderOnnxOptions options, byte[]? model)
        : base(options, Descriptor)   // every option error (e.g. seed), found by the conformance kit
    {
        if (model is null && string.IsNullOrWhiteSpace(options.Model))
        {
            throw new OptionsValidationException(Descriptor.Name, [new OptionError("model", "must name an exported .onnx file.")]);
        }

        using var sessionOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        // The bytes are kept: a saved model carries its network, so it loads where the .onnx file is not.
        _model = model ?? File.ReadAllBytes(options.Model);
        _session = new InferenceSession(_model, sessionOptions);
        Window = (int)_session.InputMetadata["windows"].Dimensions[1];
    }

    /// <summary>Registry entry: <c>lstm-autoencoder-onnx</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "lstm-autoencoder-onnx",
        Kind: DetectorKind.Batch,
        OptionsType: typeof(LstmAutoencoderOnnxOptions),
        StateVersion: 1,
        Create: options => new LstmAutoencoderOnnxDetector((LstmAutoencoderOnnxOptions)options),
        Restore: (options, reader, version) => Restore((LstmAutoencoderOnnxOptions)options, reader, version),
        Summary: "An exported lstm-autoencoder scored with ONNX Runtime (no TorchSharp).")
    {
        UnboundedScores = true,
    };

    /// <summary>Window length read from the model.</summary>
    public int Window { get; }

    /// <inheritdoc />
    public bool IsFitted => true;

    /// <inheritdoc />
    public int ContextLength => Window;

    /// <inheritdoc />
    public IReadOnlyList<string> ExportFormats { get; } = ["onnx"];

    /// <summary>Writes the ONNX model bytes this detector scores with.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateMagic);
        writer.Write(_model.Length);
        writer.Write(_model);
    }

    /// <summary>Exports the ONNX model (<c>onnx</c>).</summary>
    public void Export(string format, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (format != "onnx")
        {
            throw new NotSupportedException($"lstm-autoencoder-onnx exports onnx, not {format}.");
        }

        destination.Write(_model);
    }

    /// <summary>Does nothing: the exported model is already trained.</summary>
    public void Fit(TimeSeries train, CancellationToken ct = default)
    {
    }

    /// <inheritdoc />
    public ScoreSeries ScoreSamples(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var scores = new double[series.Length];
        var errors = WindowErrors(series.Values.Span);
        for (int i = 0; i < errors.Length; i++)
        {
            scores[i + Window - 1] = errors[i];
        }

        return new ScoreSeries(scores, Math.Min(Window - 1, series.Length));
    }

    /// <summary>Reconstruction errors of every stride-1 window of raw <paramref name="values"/>.</summary>
    public float[] WindowErrors(ReadOnlySpan<double> values)
    {
        int windows = Math.Max(0, values.Length - Window + 1);
        var errors = new float[windows];
        for (int start = 0; start < windows; start += Batch)
        {
            int count = Math.Min(Batch, windows - start);
            var input = new DenseTensor<float>([count, Window]);
            var buffer = input.Buffer.Span;
            for (int w = 0; w < count; w++)
            {
                for (int t = 0; t < Window; t++)
                {
                    buffer[(w * Window) + t] = (float)values[start + w + t];
                }
            }

            using var results = _session.Run([NamedOnnxValue.CreateFromTensor("windows", input)]);
            var output = results[0].AsTensor<float>();
            for (int w = 0; w < count; w++)
            {
                errors[start + w] = output[w];
            }
        }

        return errors;
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

    private static LstmAutoencoderOnnxDetector Restore(LstmAutoencoderOnnxOptions options, BinaryReader reader, int version)
    {
        if (version != 1 || reader.ReadUInt32() != StateMagic)
        {
            throw new InvalidDataException($"Not an lstm-autoencoder-onnx state (version {version}).");
        }

        int length = reader.ReadInt32();
        if (length <= 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"lstm-autoencoder-onnx state claims a {length}-byte model, more than it holds.");
        }

        try
        {
            return new LstmAutoencoderOnnxDetector(options, reader.ReadBytes(length));
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"The saved ONNX model does not load ({e.Message}).", e);
        }
    }
}
