using Vigil.Experiments.Tracking.Mlflow;
using Vigil.Testing;

namespace Vigil.Experiments.Tests.Tracking.Mlflow;

public sealed class RetryPolicyTests
{
    [Fact]
    public void DelaysDoubleFromTheFirstUpToTheCap()
    {
        var policy = new RetryPolicy(8, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), new InstantTimeProvider());
        Assert.Equal(new[] { 500.0, 1000, 2000, 4000, 4000, 4000 }, Enumerable.Range(1, 6).Select(a => policy.DelayAfter(a).TotalMilliseconds));
    }

    [Fact]
    public async Task TransientFailuresAreRetriedWithBackoffUntilTheCallSucceeds()
    {
        var time = new InstantTimeProvider();
        var policy = RetryPolicy.Default(time);
        int calls = 0;
        int result = await policy.ExecuteAsync(_ => ++calls < 4 ? throw new HttpRequestException("connection refused") : Task.FromResult(42), MlflowClient.IsTransient);
        Assert.Equal(42, result);
        Assert.Equal(4, calls);
        Assert.Equal(new[] { 0.5, 1, 2 }, time.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task WhenEveryAttemptFailsTheLastErrorIsReportedWithTheAttemptCount()
    {
        var time = new InstantTimeProvider();
        var policy = RetryPolicy.Default(time);
        int calls = 0;
        var error = await Assert.ThrowsAsync<RetriesExhaustedException>(() =>
            policy.ExecuteAsync<int>(_ => throw new HttpRequestException($"refused {++calls}"), MlflowClient.IsTransient));
        Assert.Equal(5, calls);
        Assert.Equal(5, error.Attempts);
        Assert.Contains("refused 5", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 0.5, 1, 2, 4 }, time.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task ARejectionIsNotRetried()
    {
        var time = new InstantTimeProvider();
        int calls = 0;
        await Assert.ThrowsAsync<MlflowException>(() => RetryPolicy.Default(time).ExecuteAsync<int>(
            _ =>
            {
                calls++;
                throw new MlflowException(400, "INVALID_PARAMETER_VALUE", "bad");
            },
            MlflowClient.IsTransient));
        Assert.Equal(1, calls);
        Assert.Empty(time.Delays);
    }
}
