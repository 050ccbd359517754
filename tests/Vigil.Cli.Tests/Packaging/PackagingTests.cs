using System.Diagnostics;
using System.Globalization;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Cli.Tests.Packaging;

/// <summary>
/// The packages as a .NET user meets them: <c>dotnet pack</c> of the solution into a temporary folder (from the Release
/// build the test run already made), the <c>vigil</c> tool installed from there into a temporary tool path and run
/// (<c>--version</c>, a small <c>detect</c>), and a fresh console project that references the library packages from
/// that folder, built and run. Offline: the folder plus the NuGet packages already on the machine.
/// </summary>
/// <remarks>Slow (tens of seconds: pack, tool install, a restore and build); the time each step took goes to the test output.</remarks>
public sealed class PackagingTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void PackedToolAndLibrariesInstallAndRun()
    {
        string repo = NabTestCorpus.RepositoryRoot() ?? throw new InvalidOperationException("Repository root (Vigil.slnx) not found above the test folder.");
        string work = Directory.CreateTempSubdirectory("vigil-pack-").FullName;
        string packages = Path.Combine(work, "packages");
        // A unique prerelease version, so no package cache on the machine can answer with an older build of 0.1.0.
        string version = "0.1.0-test." + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string nugetCache = Path.Combine(work, "nuget-cache");
        string machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try
        {
            Run(repo, "dotnet", "pack", Path.Combine(repo, "Vigil.slnx"), "-c", "Release", "--no-build", "-o", packages, $"-p:PackageVersion={version}", "-nologo");
            var produced = Directory.GetFiles(packages).Select(Path.GetFileName).ToArray();
            foreach (string id in new[] { "Vigil.Core", "Vigil.Detectors", "Vigil.Evaluation", "Vigil.Detectors.Torch", "Vigil.Detectors.Onnx", "Vigil.Reporting", "Vigil.Plotting", "vigil" })
            {
                Assert.Contains($"{id}.{version}.nupkg", produced);
                Assert.Contains($"{id}.{version}.snupkg", produced);
            }

            using (var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(packages, $"Vigil.Core.{version}.nupkg")))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToArray();
                Assert.Contains("README.md", entries);
                Assert.Contains("LICENSE", entries);
                Assert.Contains("lib/net10.0/Vigil.Core.xml", entries);
            }

            // The tool, into a temporary tool path.
            string tools = Path.Combine(work, "tools");
            Run(work, "dotnet", "tool", "install", "vigil", "--tool-path", tools, "--add-source", packages, "--version", version);
            string vigil = Path.Combine(tools, "vigil");
            Assert.StartsWith("0.1.0", Run(work, vigil, "--version").Trim(), StringComparison.Ordinal);
            string series = Path.Combine(work, "series.csv");
            File.WriteAllLines(series, ["timestamp,value", .. Enumerable.Range(0, 400).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"2024-01-01 {i / 60:00}:{i % 60:00}:00,{(i == 300 ? 50.0 : 10 + Math.Sin(i / 5.0)):R}"))]);
            string scores = Path.Combine(work, "scores.csv");
            Run(work, vigil, "detect", "-d", "windowed-gaussian", "-i", series, "-o", scores);
            var rows = File.ReadAllLines(scores);
            Assert.Equal(401, rows.Length);
            var detected = rows.Skip(1).Select(r => double.Parse(r.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
            Assert.True(detected[300] > detected.Skip(100).Take(150).Max(), "the spike at row 300 should score above the regular rows");

            // A console project using the library packages from the folder.
            string sample = Path.Combine(work, "sample");
            Directory.CreateDirectory(sample);
            File.WriteAllText(Path.Combine(sample, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="vigil" value="{packages}" />
                    <add key="machine" value="{machineCache}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(sample, "Sample.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Vigil.Core" Version="{version}" />
                    <PackageReference Include="Vigil.Detectors" Version="{version}" />
                    <PackageReference Include="Vigil.Evaluation" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(sample, "Program.cs"), """
                using Vigil;
                using Vigil.Detection;
                using Vigil.Detectors;
                using Vigil.Evaluation.Metrics;

                var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var times = Enumerable.Range(0, 400).Select(i => start.AddMinutes(i)).ToArray();
                var values = Enumerable.Range(0, 400).Select(i => i == 300 ? 50.0 : 10 + Math.Sin(i / 5.0)).ToArray();
                var series = new TimeSeries("sample", times, values);
                var detector = (IStreamingDetector)new DetectorRegistry().AddBuiltInDetectors().Create("windowed-gaussian");
                var scores = StreamingRunner.Run(detector, series, new SeriesContext(60)).Scores.ToArray();
                var counts = F1Evaluator.Count([new AnomalyWindow(295, 305)], 60, scores, 0.99, F1Mode.Event);
                Console.WriteLine($"spike={scores[300] > scores.Skip(100).Take(150).Max()} tp={counts.TruePositives}");
                """);
            string printed = Run(sample, "dotnet", "run", "-c", "Release", "--nologo");
            Assert.Contains("spike=True tp=1", printed, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Temporary folder; a leftover is harmless.
            }
        }

        string Run(string directory, string file, params string[] args)
        {
            var clock = Stopwatch.StartNew();
            var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["NUGET_PACKAGES"] = nugetCache;
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 8 minutes.");
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {Path.GetFileName(file)} {string.Join(' ', args.Take(3))}");
            Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
            return stdout.Result;
        }
    }
}
