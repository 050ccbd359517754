namespace Vigil.Reporting;

/// <summary>A tuning study for the report's tuning view: its name, the direction of its objective and its trials.</summary>
/// <param name="Name">The study's name.</param>
/// <param name="Maximize">True when larger objective values are better (e.g. a NAB score), false when smaller are.</param>
/// <param name="Objective">What the value measures, shown as the axis label (e.g. <c>NAB standard score</c>).</param>
/// <param name="Trials">Every trial, any state, in any order (the view sorts by number).</param>
public sealed record StudyView(string Name, bool Maximize, string Objective, IReadOnlyList<TrialRecord> Trials)
{
    /// <summary>The best value so far after each completed trial, in trial-number order: the curve the tuning view draws.</summary>
    public IReadOnlyList<(int Number, double Value, double BestSoFar)> BestSoFar()
    {
        var curve = new List<(int, double, double)>();
        double best = double.NaN;
        foreach (var trial in Trials.Where(t => t.Value is double v && double.IsFinite(v)).OrderBy(t => t.Number))
        {
            double value = trial.Value!.Value;
            best = double.IsNaN(best) ? value : Maximize ? Math.Max(best, value) : Math.Min(best, value);
            curve.Add((trial.Number, value, best));
        }

        return curve;
    }
}
