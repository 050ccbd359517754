using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace Vigil.Detectors.Torch.LstmAutoencoder;

/// <summary>
/// Exports a fitted <see cref="LstmAutoencoderDetector"/> as an ONNX model (opset 17) built from its trained weights
/// with ONNX's <c>LSTM</c> operator. Input <c>windows</c>: float32 [batch, window] raw values; output <c>errors</c>:
/// float32 [batch], the mean squared reconstruction error per window (of its newest <c>scoredPoints</c> points when
/// set) in normalised units (the detector's score).
/// </summary>
/// <remarks>
/// The normalisation constants are graph constants, so the model needs nothing else to score. PyTorch stores LSTM
/// gate blocks in the order i, f, g, o; ONNX expects i, o, f, c: the blocks are reordered here (and the two PyTorch
/// biases concatenated into ONNX's B = [Wb, Rb]). The file is written with a small protobuf encoder, no protobuf package.
/// </remarks>
public static class OnnxExport
{
    /// <summary>Opset the graph is written for (LayerNormalization needs 17).</summary>
    public const int Opset = 17;

    private const int FloatType = 1;
    private const int Int64Type = 7;

    /// <summary>The ONNX model bytes of <paramref name="detector"/>.</summary>
    /// <exception cref="Vigil.Detection.NotFittedException">The detector has not been fitted.</exception>
    public static byte[] ToOnnx(LstmAutoencoderDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        if (!detector.IsFitted)
        {
            throw new Vigil.Detection.NotFittedException(LstmAutoencoderDetector.Descriptor.Name);
        }

        var options = detector.Options;
        int hidden = options.HiddenUnits;
        int window = options.Window;
        var weights = new Dictionary<string, float[]>();
        var shapes = new Dictionary<string, long[]>();
        foreach (var (name, tensor) in detector.Network.state_dict())
        {
            using var cpu = tensor.detach().cpu().to(ScalarType.Float32).contiguous();
            weights[name] = cpu.data<float>().ToArray();
            shapes[name] = cpu.shape;
        }

        var nodes = new List<Action<ProtoWriter>>();
        var initializers = new List<Action<ProtoWriter>>();
        void Constant(string name, long[] dims, float[] data) => initializers.Add(w => Tensor(w, name, dims, data));
        void Int64Constant(string name, long[] values) => initializers.Add(w => Int64Tensor(w, name, values));
        void Node(string op, string[] inputs, string[] outputs, params Action<ProtoWriter>[] attributes) =>
            nodes.Add(w =>
            {
                foreach (var input in inputs)
                {
                    w.String(1, input);
                }

                foreach (var output in outputs)
                {
                    w.String(2, output);
                }

                w.String(3, $"{op}_{outputs[0]}");
                w.String(4, op);
                foreach (var attribute in attributes)
                {
                    w.Message(5, attribute);
                }
            });

        Constant("norm_mean", [1], [(float)detector.NormalizationMean]);
        Constant("norm_scale", [1], [(float)detector.NormalizationScale]);
        Int64Constant("axes_1", [1]);
        Int64Constant("axes_2", [2]);
        Int64Constant("repeat_shape", [window, 1, 1]);
        Node("Sub", ["windows", "norm_mean"], ["centered"]);
        Node("Div", ["centered", "norm_scale"], ["z"]);
        string encoderInput = "z";
        if (options.MaskedPoints > 0)
        {
            // The newest maskedPoints columns are hidden from the encoder, as in the network's forward pass.
            var mask = new float[window];
            Array.Fill(mask, 1f, 0, window - options.MaskedPoints);
            Constant("input_mask", [window], mask);
            Node("Mul", ["z", "input_mask"], ["z_masked"]);
            encoderInput = "z_masked";
        }

        Node("Unsqueeze", [encoderInput, "axes_2"], ["z3"]);
        Node("Transpose", ["z3"], ["x_seq"], IntsAttribute("perm", [1, 0, 2]));

        string Lstm(string prefix, string input, int inputSize)
        {
            string current = input;
            string lastHidden = "";
            for (int layer = 0; layer < options.Layers; layer++)
            {
                int size = layer == 0 ? inputSize : hidden;
                string p = $"{prefix}_l{layer}";
                Constant($"{p}_W", [1, 4 * hidden, size], ReorderGates(weights[$"{prefix}.weight_ih_l{layer}"], hidden, size));
                Constant($"{p}_R", [1, 4 * hidden, hidden], ReorderGates(weights[$"{prefix}.weight_hh_l{layer}"], hidden, hidden));
                Constant($"{p}_B", [1, 8 * hidden], [.. ReorderGates(weights[$"{prefix}.bias_ih_l{layer}"], hidden, 1), .. ReorderGates(weights[$"{prefix}.bias_hh_l{layer}"], hidden, 1)]);
                Node("LSTM", [current, $"{p}_W", $"{p}_R", $"{p}_B"], [$"{p}_Y", $"{p}_Yh"], IntAttribute("hidden_size", hidden));
                Node("Squeeze", [$"{p}_Y", "axes_1"], [$"{p}_out"]);
                current = $"{p}_out";
                lastHidden = $"{p}_Yh";
            }

            return prefix == "encoder" ? lastHidden : current;
        }

        string code = Lstm("encoder", "x_seq", 1);                 // [1, N, H]
        if (options.LayerNorm)
        {
            Constant("norm_w", [hidden], weights["norm.weight"]);
            Constant("norm_b", [hidden], weights["norm.bias"]);
            Node("LayerNormalization", [code, "norm_w", "norm_b"], ["code_norm"], IntAttribute("axis", -1), FloatAttribute("epsilon", 1e-5f));
            code = "code_norm";
        }

        Node("Expand", [code, "repeat_shape"], ["decoder_in"]);    // [T, N, H]
        string decoded = Lstm("decoder", "decoder_in", hidden);    // [T, N, H]
        Constant("head_w", [hidden, 1], weights["output.weight"]);  // (1, H) row-major = (H, 1) column
        Constant("head_b", [1], weights["output.bias"]);
        Node("MatMul", [decoded, "head_w"], ["head_mm"]);
        Node("Add", ["head_mm", "head_b"], ["head"]);              // [T, N, 1]
        Node("Squeeze", ["head", "axes_2"], ["recon_tn"]);
        Node("Transpose", ["recon_tn"], ["recon"], IntsAttribute("perm", [1, 0]));
        Node("Sub", ["recon", "z"], ["diff"]);
        Node("Mul", ["diff", "diff"], ["squared_all"]);
        string squared = "squared_all";
        if (options.ScoredPoints > 0 && options.ScoredPoints < window)
        {
            // Only the newest scoredPoints columns of [N, T] count, as in the detector's score.
            Int64Constant("scored_start", [window - options.ScoredPoints]);
            Int64Constant("scored_end", [window]);
            Node("Slice", ["squared_all", "scored_start", "scored_end", "axes_1"], ["squared_scored"]);
            squared = "squared_scored";
        }

        Node("ReduceMean", [squared], ["errors"], IntsAttribute("axes", [1]), IntAttribute("keepdims", 0));

        var model = new ProtoWriter();
        model.Varint(1, 8);                                        // ir_version
        model.String(2, "vigil");                                  // producer_name
        model.String(3, typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0");
        model.Message(7, graph =>
        {
            foreach (var node in nodes)
            {
                graph.Message(1, node);
            }

            graph.String(2, "lstm_autoencoder");
            foreach (var initializer in initializers)
            {
                graph.Message(5, initializer);
            }

            graph.Message(11, v => ValueInfo(v, "windows", ["batch", window.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            graph.Message(12, v => ValueInfo(v, "errors", ["batch"]));
        });
        model.Message(8, opset =>
        {
            opset.String(1, "");
            opset.Varint(2, Opset);
        });
        model.Message(14, meta =>                                  // metadata_props
        {
            meta.String(1, "vigil.window");
            meta.String(2, window.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        return model.ToArray();
    }

    /// <summary>PyTorch gate blocks (i, f, g, o) of a [4H, cols] matrix reordered to ONNX's (i, o, f, c).</summary>
    internal static float[] ReorderGates(float[] torchOrder, int hidden, int columns)
    {
        int block = hidden * columns;
        var result = new float[torchOrder.Length];
        int[] sourceBlock = [0, 3, 1, 2];
        for (int b = 0; b < 4; b++)
        {
            Array.Copy(torchOrder, sourceBlock[b] * block, result, b * block, block);
        }

        return result;
    }

    private static void Tensor(ProtoWriter w, string name, long[] dims, float[] data)
    {
        foreach (long d in dims)
        {
            w.Varint(1, d);
        }

        w.Varint(2, FloatType);
        w.String(8, name);
        var raw = new byte[data.Length * 4];
        for (int i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), data[i]);
        }

        w.Bytes(9, raw);
    }

    private static void Int64Tensor(ProtoWriter w, string name, long[] values)
    {
        w.Varint(1, values.Length);
        w.Varint(2, Int64Type);
        w.String(8, name);
        var raw = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), values[i]);
        }

        w.Bytes(9, raw);
    }

    private static void ValueInfo(ProtoWriter v, string name, string[] dims)
    {
        v.String(1, name);
        v.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, FloatType);
            tensor.Message(2, shape =>
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d =>
                    {
                        if (long.TryParse(dim, out long value))
                        {
                            d.Varint(1, value);
                        }
                        else
                        {
                            d.String(2, dim);
                        }
                    });
                }
            });
        }));
    }

    private static Action<ProtoWriter> IntAttribute(string name, long value) => a =>
    {
        a.String(1, name);
        a.Varint(3, value);
        a.Varint(20, 2);
    };

    private static Action<ProtoWriter> FloatAttribute(string name, float value) => a =>
    {
        a.String(1, name);
        a.Float(2, value);
        a.Varint(20, 1);
    };

    private static Action<ProtoWriter> IntsAttribute(string name, long[] values) => a =>
    {
        a.String(1, name);
        foreach (long v in values)
        {
            a.Varint(8, v);
        }

        a.Varint(20, 7);
    };
}
