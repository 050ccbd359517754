using System.Globalization;
using Vigil.IO;

namespace Vigil.Evaluation.Metrics;

/// <summary>Writes precision/recall/F1 per file, per category and for the corpus as one CSV (atomically).</summary>
public static class F1ReportWriter
{
    /// <summary>
    /// One row per report and scope: <c>mode,threshold_kind,threshold,scope,name,tp,fp,fn,tn,precision,recall,f1</c>,
    /// where scope is <c>corpus</c>, <c>category</c> or <c>file</c> and threshold_kind is the report's
    /// <see cref="F1Report.ThresholdLabel"/> (<c>nab-standard</c>, <c>best-f1</c>, <c>p99</c>, <c>fixed</c>). With one
    /// threshold per file (<c>pNN</c>) each file row carries its own and the corpus and category rows leave it empty.
    /// In <see cref="F1Mode.Composite"/> rows the counts are point-wise rows and <c>recall</c> is that of windows.
    /// </summary>
    public static void Write(string path, IEnumerable<F1Report> reports) => AtomicFile.WriteText(path, w =>
    {
        w.WriteLine("mode,threshold_kind,threshold,scope,name,tp,fp,fn,tn,precision,recall,f1");
        foreach (var report in reports)
        {
            string Prefix(string? file)
            {
                var perFile = report.ThresholdByFile;
                string threshold = perFile is null
                    ? report.Threshold.ToString("R", CultureInfo.InvariantCulture)
                    : file is null ? "" : perFile[file].ToString("R", CultureInfo.InvariantCulture);
                return string.Create(CultureInfo.InvariantCulture, $"{report.Mode},{report.ThresholdLabel},{threshold}");
            }

            Row(w, Prefix(null), "corpus", "all", report.Total);
            foreach (var (name, counts) in report.ByCategory)
            {
                Row(w, Prefix(null), "category", name, counts);
            }

            foreach (var (name, counts) in report.ByFile)
            {
                Row(w, Prefix(name), "file", name, counts);
            }
        }
    });

    private static void Row(TextWriter w, string prefix, string scope, string name, ConfusionCounts c) =>
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{prefix},{scope},{name},{c.TruePositives},{c.FalsePositives},{c.FalseNegatives},{c.TrueNegatives},{c.Precision:R},{c.Recall:R},{c.F1:R}"));
}
