using System.Text.Json.Nodes;
using Vigil.Pipeline;
using Vigil.Thresholds;

namespace Vigil.Persistence;

/// <summary>
/// The manifest's <c>calibrator</c> entry: the calibration spec and the calibrator's state after the last row, so that
/// <c>--load-model</c> continues calibrated scores exactly as one uninterrupted run would.
/// </summary>
/// <remarks>
/// Layout: <c>{"spec": {…CalibrationSpec JSON…}, "state": "base64 of ICausalCalibrator.WriteState"}</c>. A manifest
/// without the entry (saved without calibration, or before calibration existed) continues with the options' own
/// calibration started afresh.
/// </remarks>
public static class CalibratorRecord
{
    /// <summary>The manifest entry for <paramref name="calibrator"/>, or null when nothing was calibrated.</summary>
    public static JsonObject? Of(CalibrationSpec spec, ICausalCalibrator? calibrator)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (calibrator is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            calibrator.WriteState(writer);
        }

        return new JsonObject
        {
            ["spec"] = JsonNode.Parse(spec.ToJson()),
            ["state"] = Convert.ToBase64String(buffer.ToArray()),
        };
    }

    /// <summary>The spec and the restored calibrator of a manifest entry, or null when the entry is absent.</summary>
    /// <param name="entry">The manifest's <c>calibrator</c> object.</param>
    /// <param name="probation">The probationary rows the calibrator was built with.</param>
    /// <exception cref="InvalidDataException">The entry is damaged.</exception>
    public static (CalibrationSpec Spec, ICausalCalibrator Calibrator)? Restore(JsonObject? entry, int probation)
    {
        if (entry is null)
        {
            return null;
        }

        try
        {
            var specNode = entry["spec"] ?? throw new InvalidDataException("the model's calibrator entry has no spec");
            var spec = CalibrationSpec.FromJson(specNode.ToJsonString());
            if (specNode is JsonObject written && !written.ContainsKey("boundRawScores"))
            {
                // Saved before the key existed, when calibrators always received unbounded scores bounded: the
                // restored calibrator's history holds that form, so it goes on receiving it.
                spec = spec with { BoundRawScores = true };
            }

            byte[] state = Convert.FromBase64String(entry["state"]?.GetValue<string>() ?? throw new InvalidDataException("the model's calibrator entry has no state"));
            var calibrator = spec.Create(probation);
            using var reader = new BinaryReader(new MemoryStream(state));
            calibrator.ReadState(reader);
            return (spec, calibrator);
        }
        catch (Exception ex) when (ex is FormatException or EndOfStreamException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"The model's calibrator state is damaged: {ex.Message}", ex);
        }
    }
}
