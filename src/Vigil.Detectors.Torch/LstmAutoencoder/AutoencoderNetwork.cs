using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vigil.Detectors.Torch.LstmAutoencoder;

/// <summary>
/// Encoder LSTM → code (the last layer's final hidden state, optionally layer-normalised) → decoder LSTM fed the
/// code at every step (repeat vector) → linear head, reconstructing a window of shape (batch, window, 1). With
/// <see cref="LstmAutoencoderOptions.MaskedPoints"/> the encoder sees the window with its newest points set to 0.
/// </summary>
/// <remarks>Same layout and PyTorch-default initialisation as the peer workload's <c>LSTMAutoencoder</c>.</remarks>
internal sealed class AutoencoderNetwork : nn.Module<Tensor, Tensor>
{
    private readonly LSTM encoder;
    private readonly LayerNorm? norm;
    private readonly Dropout? codeDropout;
    private readonly LSTM decoder;
    private readonly Linear output;
    private readonly int maskedPoints;

    public AutoencoderNetwork(LstmAutoencoderOptions options)
        : base("lstm_autoencoder")
    {
        int hidden = options.HiddenUnits;
        encoder = nn.LSTM(1, hidden, options.Layers, batchFirst: true, dropout: options.Layers > 1 ? options.Dropout : 0.0);
        norm = options.LayerNorm ? nn.LayerNorm([hidden]) : null;
        codeDropout = options.Dropout > 0.0 ? nn.Dropout(options.Dropout) : null;
        decoder = nn.LSTM(hidden, hidden, options.Layers, batchFirst: true, dropout: options.Layers > 1 ? options.Dropout : 0.0);
        output = nn.Linear(hidden, 1);
        maskedPoints = options.MaskedPoints;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var input = x;
        if (maskedPoints > 0)
        {
            // The newest points are hidden from the encoder (normalised mean 0); the decoder still reconstructs them.
            input = x.clone();
            input.narrow(1, x.shape[1] - maskedPoints, maskedPoints).zero_();
        }

        var (_, h, _) = encoder.forward(input);
        var code = h[-1];                                   // (B, H)
        if (norm is not null)
        {
            code = norm.forward(code);
        }

        if (codeDropout is not null)
        {
            code = codeDropout.forward(code);
        }

        var repeated = code.unsqueeze(1).expand(-1, x.shape[1], -1);
        var (y, _, _) = decoder.forward(repeated);
        return output.forward(y).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mean squared reconstruction error per window of <paramref name="x"/> (B, T, 1) → (B), over the newest
    /// <paramref name="newest"/> points of each window (0 or T: all of them).
    /// </summary>
    public Tensor Errors(Tensor x, int newest = 0)
    {
        using var scope = NewDisposeScope();
        var diff = forward(x) - x;
        long length = x.shape[1];
        if (newest > 0 && newest < length)
        {
            diff = diff.narrow(1, length - newest, newest);
        }

        return (diff * diff).mean([1L, 2L]).MoveToOuterDisposeScope();
    }
}
