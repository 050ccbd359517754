using System.Globalization;
using Vigil.Evaluation.Metrics;
using Vigil.IO;

namespace Vigil.Cli.Rendering;

/// <summary>Writes precision/recall/F1 per file, per category and for the corpus as one CSV (atomically).</summary>
public static class F1ReportWriter
{
    /// <summary>
    /// One row per report and scope: <c>mode,threshold_kind,threshold,scope,name,tp,fp,fn,tn,precision,recall,f1</c>,
    /// where scope is <c>corpus</c>, <c>category</c> or <c>file</c>.
    /// </summary>
    public static void Write(string path, IEnumerable<F1Report> reports) => AtomicFile.WriteText(path, w =>
    {
        w.WriteLine("mode,threshold_kind,threshold,scope,name,tp,fp,fn,tn,precision,recall,f1");
        foreach (var report in reports)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"{report.Mode},{(report.BestF1 ? "best-f1" : "nab-standard")},{report.Threshold:R}");
            Row(w, prefix, "corpus", "all", report.Total);
            foreach (var (name, counts) in report.ByCategory)
            {
                Row(w, prefix, "category", name, counts);
            }

            foreach (var (name, counts) in report.ByFile)
            {
                Row(w, prefix, "file", name, counts);
            }
        }
    });

    private static void Row(TextWriter w, string prefix, string scope, string name, ConfusionCounts c) =>
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{prefix},{scope},{name},{c.TruePositives},{c.FalsePositives},{c.FalseNegatives},{c.TrueNegatives},{c.Precision:R},{c.Recall:R},{c.F1:R}"));
}
