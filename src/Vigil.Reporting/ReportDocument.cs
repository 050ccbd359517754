using Vigil.Evaluation.Nab;

namespace Vigil.Reporting;

/// <summary>Everything a report page shows, computed; <see cref="HtmlReportWriter"/> turns it into one HTML file.</summary>
/// <param name="Title">The page title.</param>
/// <param name="Corpus">The corpus the results were scored against.</param>
/// <param name="ResultsRoot">Where the results were read.</param>
/// <param name="Detectors">Each detector's scores, in the requested order.</param>
/// <param name="Files">The corpus files, sorted by relative path.</param>
/// <param name="Study">The tuning study, or null.</param>
public sealed record ReportDocument(string Title, NabCorpus Corpus, string ResultsRoot, IReadOnlyList<DetectorSummary> Detectors, IReadOnlyList<NabDataFile> Files, StudyView? Study);
