using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Reporting.Tests.Browser;

/// <summary>
/// Opens a whole-corpus report of NAB's published numenta, ARTime and contextOSE results in headless Chromium and
/// checks what a reader sees: no console errors, the scoreboard's numbers, one drawn chart for the selected file, a
/// redraw when the picker changes file, links from scores to files, zoom, and non-blank screenshots. It also measures
/// how long the page takes to become ready (written to the test output and to <c>report-load.txt</c>; not asserted:
/// timings are measured, never asserted, in this repository).
/// </summary>
public sealed class ReportBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] Detectors = ["numenta", "ARTime", "contextOSE"];

    [ChromiumFact]
    [Trait("Category", "Browser")]
    public async Task WholeCorpusReportOfThreeDetectorsRendersInChromium()
    {
        Assert.True(HeadlessChromium.FindExecutable() is not null, "Chromium not found: under CI=true .ci/run must install Debian's 'chromium'.");
        string nab = NabTestCorpus.Root;
        string folder = Directory.CreateTempSubdirectory("vigil-report-test-").FullName;
        string page = Path.Combine(folder, "report.html");
        var build = Stopwatch.StartNew();
        var document = ReportBuilder.Build(new ReportRequest(nab, Path.Combine(nab, "results"), Detectors, "NAB published results", SyntheticStudy()));
        HtmlReportWriter.Write(page, document);
        output.WriteLine($"report built in {build.Elapsed.TotalSeconds:F2} s, {new FileInfo(page).Length / 1024} KiB");

        await using var browser = await HeadlessChromium.StartAsync();
        var clock = Stopwatch.StartNew();
        await browser.SendAsync("Page.navigate", new() { ["url"] = new Uri(page).AbsoluteUri });
        await browser.WaitForAsync("window.__vigil && window.__vigil.ready", TimeSpan.FromSeconds(60));
        double wall = clock.Elapsed.TotalMilliseconds;
        double pageMs = (await browser.EvaluateAsync("window.__vigil.loadMs")).GetDouble();
        string timing = string.Create(CultureInfo.InvariantCulture, $"whole-corpus report, 3 detectors: ready {pageMs:F0} ms after navigation start (page clock), {wall:F0} ms wall from the navigate command");
        double domReady = (await browser.EvaluateAsync("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")).GetDouble();
        timing += string.Create(CultureInfo.InvariantCulture, $" (HTML parsed at {domReady:F0} ms)");
        output.WriteLine(timing);
        File.WriteAllText(Path.Combine(ScreenshotFolder(), "report-load.txt"), timing + "\n");

        // The scoreboard: this report's rows equal NAB's published figures (shipped thresholds, exact scorer).
        foreach (var (detector, standard, lowFp, lowFn) in new[] { ("numenta", "70.10", "63.12", "74.32"), ("ARTime", "74.85", "65.15", "80.36"), ("contextOSE", "69.90", "66.98", "73.18") })
        {
            var cells = await browser.EvaluateAsync($"[...document.querySelectorAll('#scoreboard tr.vigil td[data-detector=\"{detector}\"]')].map(td => td.textContent)");
            Assert.Equal([standard, lowFp, lowFn], cells.EnumerateArray().Select(c => c.GetString()!).ToArray());
        }

        Assert.Equal(17, (await browser.EvaluateAsync("document.querySelectorAll('#scoreboard tr.published').length")).GetInt32());
        Assert.Equal(1 + (4 * Detectors.Length), (await browser.EvaluateAsync("document.querySelectorAll('#f1 tr').length")).GetInt32());   // a header, then one row per detector and F1 mode (point-wise, point-adjusted, event, composite)

        // One chart for the selected file: a value panel and one score panel per detector, each with ink on it.
        await AssertOneDrawnChartAsync(browser, document.Files[0].RelativePath);

        // The picker switches files and the chart is redrawn for the new one.
        string other = document.Files.First(f => f.Category == "realKnownCause" && f.Name == "nyc_taxi").RelativePath;
        int drawsBefore = (await browser.EvaluateAsync("window.__vigil.draws")).GetInt32();
        await browser.EvaluateAsync($"(() => {{ const p = document.getElementById('file-picker'); p.value = {JsonSerializer.Serialize(other)}; p.dispatchEvent(new Event('change')); }})()");
        await browser.WaitForAsync($"window.__vigil.file === {JsonSerializer.Serialize(other)}", TimeSpan.FromSeconds(20));
        Assert.True((await browser.EvaluateAsync("window.__vigil.draws")).GetInt32() >= drawsBefore + 1 + Detectors.Length);
        await AssertOneDrawnChartAsync(browser, other);

        // A category cell of the F1 table lists that category's files, each linking to its chart.
        await browser.EvaluateAsync("document.querySelector('#f1 td[data-category=\"realTraffic\"] a').click()");
        await browser.WaitForAsync("!document.getElementById('file-list-wrap').hidden", TimeSpan.FromSeconds(10));
        var listed = await browser.EvaluateAsync("[...document.querySelectorAll('#file-list tr td:first-child a')].map(a => a.textContent)");
        Assert.Equal(document.Files.Where(f => f.Category == "realTraffic").Select(f => f.RelativePath), listed.EnumerateArray().Select(a => a.GetString()!));

        // Zoom halves the visible range and redraws; reset shows every row again.
        int drawsBeforeZoom = (await browser.EvaluateAsync("window.__vigil.draws")).GetInt32();
        int rows = document.Files.First(f => f.RelativePath == other).RowCount;
        Assert.Equal(rows - 1, await SpanAsync(browser));
        await browser.EvaluateAsync("document.getElementById('zoom-in').click()");
        Assert.True((await browser.EvaluateAsync("window.__vigil.draws")).GetInt32() > drawsBeforeZoom);
        Assert.InRange(await SpanAsync(browser), (rows / 2) - 2, (rows / 2) + 2);
        await browser.EvaluateAsync("document.getElementById('zoom-reset').click()");
        Assert.Equal(rows - 1, await SpanAsync(browser));

        // The tuning view: one table row per trial, a drawn best-so-far curve and one slice per parameter.
        Assert.False((await browser.EvaluateAsync("document.getElementById('tuning-section').hidden")).GetBoolean());
        Assert.Equal(1 + 12, (await browser.EvaluateAsync("document.querySelectorAll('#trials tr').length")).GetInt32());
        Assert.Equal(2, (await browser.EvaluateAsync("document.querySelectorAll('#slices canvas').length")).GetInt32());

        Assert.Empty(browser.Errors);
        Assert.Equal(0, (await browser.EvaluateAsync("window.__vigil.errors.length")).GetInt32());

        // Screenshots: the scoreboard and the file view, each far from blank.
        foreach (var (section, name) in new[] { ("scoreboard-section", "report-scoreboard.png"), ("files-section", "report-file.png") })
        {
            var rect = await browser.EvaluateAsync($"(() => {{ const r = document.getElementById('{section}').getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, Math.min(r.height, 900)]; }})()");
            var box = rect.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            byte[] png = await browser.ScreenshotAsync((box[0], box[1], box[2], box[3]));
            string path = Path.Combine(ScreenshotFolder(), name);
            File.WriteAllBytes(path, png);
            var image = PngImage.Decode(png);
            double variance = image.LuminanceVariance();
            output.WriteLine($"{path}: {image.Width}x{image.Height}, luminance variance {variance:F1}");
            Assert.True(variance > 100, $"{name} looks blank: luminance variance {variance:F1}.");
        }
    }

    /// <summary>A made-up study of twelve trials (one pruned) over a numeric and a categorical parameter.</summary>
    private static StudyView SyntheticStudy()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var trials = Enumerable.Range(0, 12).Select(i => new TrialRecord(
            i,
            i == 5 ? "pruned" : "complete",
            i == 5 ? null : 40 + (10 * Math.Sin(i)) + i,
            new Dictionary<string, object> { ["windowSize"] = 50.0 + (25 * i), ["stepSize"] = i % 2 == 0 ? "small" : "large" },
            start.AddMinutes(i),
            start.AddMinutes(i).AddSeconds(20 + i))).ToArray();
        return new StudyView("windowed-gaussian-demo", true, "NAB standard score", trials);
    }

    private static async Task<int> SpanAsync(HeadlessChromium browser) =>
        (await browser.EvaluateAsync("window.__vigil.view.b - window.__vigil.view.a")).GetInt32();

    private static async Task AssertOneDrawnChartAsync(HeadlessChromium browser, string file)
    {
        Assert.Equal(1, (await browser.EvaluateAsync("document.querySelectorAll('#charts .chart').length")).GetInt32());
        Assert.Equal(file, (await browser.EvaluateAsync("document.querySelector('#charts .chart').dataset.file")).GetString());
        // Non-white pixels per canvas: axes alone are a few hundred; a drawn series and shading are thousands.
        var ink = await browser.EvaluateAsync("""
            [...document.querySelectorAll('#charts .chart canvas')].map(c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
              return n; })
            """);
        var counts = ink.EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(1 + Detectors.Length, counts.Length);
        Assert.All(counts, n => Assert.True(n > 2000, $"a panel of {file} has only {n} inked pixels"));
    }

    /// <summary><c>VIGIL_SCREENSHOT_DIR</c> (e.g. docs/images to refresh the README's pictures), else a temp folder.</summary>
    private static string ScreenshotFolder()
    {
        string folder = Environment.GetEnvironmentVariable("VIGIL_SCREENSHOT_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "vigil-report-screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
