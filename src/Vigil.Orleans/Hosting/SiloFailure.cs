using Orleans.Runtime;

namespace Vigil.Orleans.Hosting;

/// <summary>
/// Replaces Orleans' fatal-error handler, which ends the process at once (exit 134 and a stack dump), so that a silo the
/// cluster declared dead (e.g. because the other silos refused its TLS certificate) stops with one clear message.
/// </summary>
internal sealed class SiloFailure : IFatalErrorHandler
{
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with what went wrong when the runtime reports a fatal error.</summary>
    public Task<string> Failed => _failed.Task;

    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) =>
        _failed.TrySetResult((context ?? exception?.Message ?? "fatal runtime error").ReplaceLineEndings(" "));
}
