namespace Vigil.Reporting;

/// <summary>What a report shows.</summary>
/// <param name="NabRoot">The corpus folder (NAB's layout: data, labels, config).</param>
/// <param name="ResultsRoot">The results folder in NAB's layout: <c>&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c>.</param>
/// <param name="Detectors">Detectors to show, in this order; empty means every detector folder with results.</param>
/// <param name="Title">The page title.</param>
/// <param name="Study">A tuning study to show in the tuning view, or null for none.</param>
public sealed record ReportRequest(string NabRoot, string ResultsRoot, IReadOnlyList<string> Detectors, string Title = "Vigil report", StudyView? Study = null);
