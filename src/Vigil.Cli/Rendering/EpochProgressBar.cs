using System.Globalization;
using Spectre.Console;
using Vigil.Detection;

namespace Vigil.Cli.Rendering;

/// <summary>Shows a detector's per-epoch training reports as a one-line progress bar per epoch on stderr.</summary>
/// <param name="console">Where to write (the CLI's error console).</param>
/// <param name="label">What is being trained, e.g. the detector name.</param>
public sealed class EpochProgressBar(IAnsiConsole console, string label) : IProgress<TrainingEpoch>
{
    private const int Width = 20;

    /// <summary>Attaches a bar to <paramref name="detector"/> if it reports training progress.</summary>
    public static void Attach(IAnomalyDetector detector, IAnsiConsole console)
    {
        if (detector is IReportsTrainingProgress trainable)
        {
            trainable.TrainingProgress = new EpochProgressBar(console, detector.Descriptor.Name);
        }
    }

    /// <inheritdoc />
    public void Report(TrainingEpoch value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int done = (int)Math.Round(Width * (double)value.Epoch / Math.Max(1, value.Epochs));
        string bar = new string('█', Math.Min(done, Width)) + new string('░', Width - Math.Min(done, Width));
        string validation = double.IsFinite(value.ValidationLoss) ? $", validation {value.ValidationLoss.ToString("F5", CultureInfo.InvariantCulture)}" : "";
        console.MarkupLine($"[grey]{Markup.Escape(label)}[/] epoch {value.Epoch}/{value.Epochs} {bar} loss {value.TrainingLoss.ToString("F5", CultureInfo.InvariantCulture)}{validation} ({value.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
    }
}
