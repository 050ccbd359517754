using System.Text.Json.Nodes;
using Vigil.Orleans.Contracts.Tuning;
using Vigil.Tuning;

namespace Vigil.Orleans.Tuning;

/// <summary>
/// A trial leased from a study grain, as the objective sees it: intermediate values go to the grain, which answers
/// with the pruner's decision; the lease is renewed in the background. When the lease is lost (the trial was handed out
/// again), <see cref="Lost"/> is cancelled and the next report throws <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class LeasedTrial : IRunningTrial, IDisposable
{
    private readonly IStudyGrain _study;
    private readonly TrialTicketDto _ticket;
    private readonly CancellationTokenSource _lost = new();
    private readonly Timer _renew;
    private readonly List<double> _intermediates = [];
    private TrialDecision _last = TrialDecision.Continue;

    public LeasedTrial(IStudyGrain study, TrialTicketDto ticket)
    {
        _study = study;
        _ticket = ticket;
        Options = JsonNode.Parse(ticket.OptionsJson)!.AsObject();
        _renew = new Timer(_ => Renew(), null, ticket.RenewEvery, ticket.RenewEvery);
    }

    public int Number => _ticket.Number;

    public JsonObject Options { get; }

    /// <summary>Cancelled when the lease is lost.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>The values reported so far.</summary>
    public double[] Intermediates => [.. _intermediates];

    public void Report(double value)
    {
        _lost.Token.ThrowIfCancellationRequested();
        int step = _intermediates.Count;
        _intermediates.Add(value);
        _last = StudyCalls.RetryAsync(() => _study.ReportAsync(_ticket.Number, _ticket.Lease, step, value), _lost.Token).GetAwaiter().GetResult();
        if (_last == TrialDecision.LeaseLost)
        {
            _lost.Cancel();
            _lost.Token.ThrowIfCancellationRequested();
        }
    }

    public bool ShouldPrune() => _last == TrialDecision.Prune;

    public void Dispose()
    {
        _renew.Dispose();
        _lost.Dispose();
    }

    private void Renew()
    {
        try
        {
            if (!_study.RenewAsync(_ticket.Number, _ticket.Lease).GetAwaiter().GetResult())
            {
                _lost.Cancel();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The study grain is moving to another silo (its own died): the next renewal or report gets through.
        }
    }
}
