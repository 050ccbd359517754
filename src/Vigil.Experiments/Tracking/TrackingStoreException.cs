namespace Vigil.Experiments.Tracking;

/// <summary>A tracking store cannot be read or written (read-only folder, full disk, not a tracking database).</summary>
/// <param name="message">What went wrong and where, for users.</param>
/// <param name="inner">The underlying error.</param>
public sealed class TrackingStoreException(string message, Exception? inner = null) : Exception(message, inner);
