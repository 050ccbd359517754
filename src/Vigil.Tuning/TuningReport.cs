namespace Vigil.Tuning;

/// <summary>What a tuning run produced.</summary>
/// <param name="Study">The study settings.</param>
/// <param name="Trials">Every trial of the study (this run's and earlier ones).</param>
/// <param name="Best">The best complete trial, or null.</param>
/// <param name="Comparison">Best against defaults on tuning and held-out files; null without a best trial.</param>
public sealed record TuningReport(StudyRecord Study, IReadOnlyList<TrialRecord> Trials, TrialRecord? Best, HeldOutComparison? Comparison);
