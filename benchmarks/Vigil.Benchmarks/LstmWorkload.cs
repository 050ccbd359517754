using System.Diagnostics;
using System.Globalization;
using Vigil.Detectors.Onnx.LstmAutoencoder;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Thresholds;

namespace Vigil.Benchmarks;

/// <summary>
/// `lstm-workload [NAB_DATA_DIR] [--epochs N]`: the PyTorch peer workload (bench/peers/lstm_ae_torch.py) with
/// lstm-autoencoder: nyc_taxi, window 64, hidden 64, batch 256, 5 epochs, Adam 1e-3, clip 1.0, seed 0. Prints
/// seconds per epoch, the loss per epoch, and inference windows/s for TorchSharp and ONNX Runtime.
/// </summary>
internal static class LstmWorkload
{
    public static int Run(string[] args)
    {
        string root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? Environment.GetEnvironmentVariable("VIGIL_NAB_DIR") ?? "../shared/nab";
        var file = Vigil.Evaluation.Nab.NabCorpus.Load(root).Files.First(f => f.RelativePath == "realKnownCause/nyc_taxi.csv");
        int epochs = 5;
        int at = Array.IndexOf(args, "--epochs");
        if (at >= 0)
        {
            epochs = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        }

        var labeled = file.LoadLabeled();
        var series = labeled.Series;
        var process = Process.GetCurrentProcess();
        var cpuPerEpoch = new List<double>();
        var cpuMark = process.TotalProcessorTime;
        // The peer (lstm_ae_torch.py) scores whole windows and trains exactly `epochs` epochs.
        var options = new LstmAutoencoderOptions { Epochs = epochs, Seed = 0, ScoredPoints = 0, MinSteps = 0 };
        using var detector = new LstmAutoencoderDetector(options);
        detector.TrainingProgress = new Progress(e =>
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            cpuPerEpoch.Add((cpu - cpuMark).TotalSeconds);
            cpuMark = cpu;
            Console.WriteLine($"epoch {e.Epoch}: loss {e.TrainingLoss:F6}, {e.Elapsed.TotalSeconds:F2} s wall, {cpuPerEpoch[^1]:F2} s CPU");
        });
        var clock = Stopwatch.StartNew();
        detector.Fit(series);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var errors = detector.WindowErrors(series.Values.Span);
        double torchInference = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var float32Errors = detector.WindowErrorsFloat32(series.Values.Span, 256);
        double float32Inference = clock.Elapsed.TotalSeconds;

        byte[] model = OnnxExport.ToOnnx(detector);
        using var onnx = new LstmAutoencoderOnnxDetector(new LstmAutoencoderOnnxOptions(), model);
        onnx.WindowErrors(series.Values.Span.Slice(0, 1000));   // warm-up
        clock.Restart();
        var onnxErrors = onnx.WindowErrors(series.Values.Span);
        double onnxInference = clock.Elapsed.TotalSeconds;

        var asDouble = errors.Select(e => (double)e).ToArray();
        Console.WriteLine($"windows {errors.Length}, params {detector.ParameterCount}, torch threads {TorchSharp.torch.get_num_threads()}, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY")}");
        Console.WriteLine($"epoch seconds: {string.Join(", ", detector.History.Select(e => e.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}; mean {detector.History.Average(e => e.Elapsed.TotalSeconds):F2}; training {trainSeconds:F1} s");
        Console.WriteLine($"epoch loss: {string.Join(", ", detector.History.Select(e => e.TrainingLoss.ToString("F6", CultureInfo.InvariantCulture)))}; final {detector.History[^1].TrainingLoss:F6}");
        Console.WriteLine($"eval MSE {asDouble.Average():F6}; p99 threshold {Percentile.Of(asDouble, 99):F6}");
        Console.WriteLine($"inference TorchSharp (float64 scorer): {torchInference:F2} s = {errors.Length / torchInference:F0} windows/s");
        Console.WriteLine($"inference TorchSharp (float32 training network, batch 256, like the peer): {float32Inference:F2} s = {errors.Length / float32Inference:F0} windows/s");
        Console.WriteLine($"CPU seconds per epoch (process, user+sys): {string.Join(", ", cpuPerEpoch.Select(c => c.ToString("F2", CultureInfo.InvariantCulture)))}; mean {cpuPerEpoch.Average():F2}");
        double threshold = Percentile.Of(asDouble, 99);
        var labels = labeled.RowLabels();
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < asDouble.Length; i++)
        {
            bool flagged = asDouble[i] > threshold;
            bool anomalous = labels[i + options.Window - 1] == 1;
            tp += flagged && anomalous ? 1 : 0;
            fp += flagged && !anomalous ? 1 : 0;
            fn += !flagged && anomalous ? 1 : 0;
        }

        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        Console.WriteLine($"p99 detection (as the peer): flagged {tp + fp}, labelled {tp + fn}, precision {precision:F4}, recall {recall:F4}, F1 {(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)):F4}");
        Console.WriteLine($"inference ONNX Runtime (1 thread): {onnxInference:F2} s = {errors.Length / onnxInference:F0} windows/s; max |torch - onnx| {errors.Zip(onnxErrors, (a, b) => Math.Abs(a - b)).Max():E2}");
        return 0;
    }

    private sealed class Progress(Action<Vigil.Detection.TrainingEpoch> report) : IProgress<Vigil.Detection.TrainingEpoch>
    {
        public void Report(Vigil.Detection.TrainingEpoch value) => report(value);
    }
}
