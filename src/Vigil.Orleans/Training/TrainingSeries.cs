namespace Vigil.Orleans.Training;

/// <summary>The series a training grain receives: only values cross the wire, as training reads nothing else.</summary>
internal static class TrainingSeries
{
    public static TimeSeries From(double[] values)
    {
        // Timestamps are placeholders (one second apart): forest and autoencoder training use values only.
        var timestamps = new DateTimeOffset[values.Length];
        for (int i = 0; i < timestamps.Length; i++)
        {
            timestamps[i] = DateTimeOffset.UnixEpoch.AddSeconds(i);
        }

        return new TimeSeries("training", timestamps, values);
    }
}
