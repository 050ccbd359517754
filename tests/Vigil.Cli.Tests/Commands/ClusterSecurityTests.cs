using System.Diagnostics;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Cli.Tests.Commands;

/// <summary>The cluster's secrets at work: silo and client TLS with a pinned certificate, and Redis over TLS (with a
/// password), each refused without the right secret and accepted with it.</summary>
public sealed class ClusterSecurityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    [RedisFact]
    [Trait("Category", "Integration")]
    public void ATlsClusterAcceptsOnlyClientsAndSilosPresentingItsCertificate()
    {
        string dir = Directory.CreateTempSubdirectory("vigil-tls-").FullName;
        try
        {
            using var clusterCertificate = TestCertificates.Create("vigil-cluster");
            using var otherCertificate = TestCertificates.Create("vigil-cluster");   // same name, another key: must not pass
            string[] right = ["--tls-cert", TestCertificates.WritePfx(clusterCertificate, dir, "cluster"), "--tls-password", TestCertificates.PfxPassword];
            string[] other = ["--tls-cert", TestCertificates.WritePfx(otherCertificate, dir, "other"), "--tls-password", TestCertificates.PfxPassword];
            using var silos = new SiloProcesses(RedisFactAttribute.Endpoint!, 1, dir, right);
            silos.WaitReady(Startup);
            string[] status = ["cluster", "status", "--cluster", silos.Url, "--cluster-id", silos.ClusterId, "--format", "json"];

            var accepted = Timed("right certificate", () => VigilProcess.Run(dir, [.. status, .. right]));
            Assert.True(accepted.ExitCode == 0, accepted.Output);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(accepted.Output, "\"status\": \"Active\""));

            var without = Timed("no certificate", () => VigilProcess.Run(dir, status));
            AssertRefused(without);

            var another = Timed("another certificate", () => VigilProcess.Run(dir, [.. status, .. other]));
            AssertRefused(another);

            // A silo with another certificate reaches the cluster through Redis but the members refuse its TLS handshake:
            // it must not join.
            var clock = Stopwatch.StartNew();
            using var rogue = VigilProcess.Start(dir, ["cluster", "silo", "--redis", silos.Redis, "--cluster-id", silos.ClusterId,
                "--port", SiloProcesses.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--gateway-port", SiloProcesses.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), .. other]);
            var rogueOut = rogue.StandardOutput.ReadToEndAsync();
            var rogueErr = rogue.StandardError.ReadToEndAsync();
            bool exited = rogue.WaitForExit(TimeSpan.FromMinutes(3));
            if (!exited)
            {
                rogue.Kill();
                rogue.WaitForExit();
            }

            string rogueOutput = rogueOut.Result + rogueErr.Result;
            output.WriteLine($"silo with another certificate: exit {(exited ? rogue.ExitCode : -1)} after {clock.Elapsed.TotalSeconds:0.0} s: {rogueOutput}");
            Assert.True(exited, "a silo with another certificate kept running: " + rogueOutput);
            Assert.Equal(2, rogue.ExitCode);
            Assert.DoesNotContain("silo ready", rogueOutput, StringComparison.Ordinal);
            // Before the error, the silo's log shows the runtime's warnings (with their exceptions); the error itself is one message.
            int error = rogueOutput.IndexOf("error: ", StringComparison.Ordinal);
            Assert.True(error >= 0, rogueOutput);
            string message = rogueOutput[error..];
            Assert.Contains("had to leave the cluster", message, StringComparison.Ordinal);
            Assert.Contains("--tls-cert", message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);

            var after = VigilProcess.Run(dir, [.. status, .. right]);
            Assert.True(after.ExitCode == 0, after.Output);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(after.Output, "\"status\": \"Active\""));   // still the one silo
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RedisTlsFact]
    [Trait("Category", "Integration")]
    public void RedisOverTlsWithAPasswordIsReachedWithItsCaAndRefusedWithoutIt()
    {
        const string Password = "vigil-redis-tls-secret-93d2";
        string dir = Directory.CreateTempSubdirectory("vigil-redis-tls-").FullName;
        try
        {
            using var redisCertificate = TestCertificates.Create("127.0.0.1");
            using var otherCertificate = TestCertificates.Create("127.0.0.1");
            var (cert, key) = TestCertificates.WritePem(redisCertificate, dir, "redis");
            var (otherCa, _) = TestCertificates.WritePem(otherCertificate, dir, "other");
            int port = SiloProcesses.FreePort();
            using var redis = new RedisServerProcess(port, "--port", "0", "--tls-port", RedisServerProcess.Text(port), "--tls-cert-file", cert, "--tls-key-file", key,
                "--tls-auth-clients", "no", "--requirepass", Password);
            string tlsUrl = $"rediss://127.0.0.1:{port}";

            var plain = new CliRunner().Run("cluster", "status", "--cluster", $"redis://127.0.0.1:{port}", "--redis-password", Password);
            Assert.True(plain.ExitCode == 2, plain.ToString());
            Assert.Contains("use rediss://", plain.Error, StringComparison.Ordinal);

            var untrusted = new CliRunner().Run("cluster", "status", "--cluster", tlsUrl, "--redis-password", Password);
            Assert.True(untrusted.ExitCode == 2, untrusted.ToString());
            Assert.Contains("failed the TLS handshake", untrusted.Error, StringComparison.Ordinal);
            Assert.Contains("--redis-ca", untrusted.Error, StringComparison.Ordinal);

            var wrongCa = new CliRunner().Run("cluster", "status", "--cluster", tlsUrl, "--redis-password", Password, "--redis-ca", otherCa);
            Assert.True(wrongCa.ExitCode == 2, wrongCa.ToString());
            Assert.Contains("failed the TLS handshake", wrongCa.Error, StringComparison.Ordinal);

            var wrongPassword = new CliRunner().Run("cluster", "status", "--cluster", tlsUrl, "--redis-password", "not-it", "--redis-ca", cert);
            Assert.True(wrongPassword.ExitCode == 2, wrongPassword.ToString());
            Assert.Contains("refused the credentials", wrongPassword.Error, StringComparison.Ordinal);

            foreach (var refused in new[] { plain, untrusted, wrongCa, wrongPassword })
            {
                Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
                Assert.DoesNotContain(Password, refused.Error + refused.Out, StringComparison.Ordinal);
            }

            // The right CA and password: a silo keeps its membership in the TLS Redis and a client finds it there.
            using var silos = new SiloProcesses($"127.0.0.1:{port}", 1, dir, "--redis-tls", "--redis-ca", cert, "--redis-password", Password);
            silos.WaitReady(Startup);
            var status = VigilProcess.Run(dir, "cluster", "status", "--cluster", tlsUrl, "--cluster-id", silos.ClusterId, "--redis-ca", cert, "--redis-password", Password, "--format", "json");
            Assert.True(status.ExitCode == 0, status.Output);
            Assert.Contains("\"status\": \"Active\"", status.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ARedisCaWithoutTlsOrThatDoesNotExistIsAUsageError()
    {
        string dir = Directory.CreateTempSubdirectory("vigil-redis-ca-").FullName;
        try
        {
            using var certificate = TestCertificates.Create("127.0.0.1");
            var (ca, _) = TestCertificates.WritePem(certificate, dir, "ca");
            var plain = new CliRunner().Run("cluster", "status", "--cluster", "redis://127.0.0.1:6379", "--redis-ca", ca);
            Assert.True(plain.ExitCode == 2, plain.ToString());
            Assert.Contains("the Redis connection is not TLS", plain.Error, StringComparison.Ordinal);

            string missing = Path.Combine(dir, "missing.crt");
            var absent = new CliRunner().Run("cluster", "status", "--cluster", "rediss://127.0.0.1:6379", "--redis-ca", missing);
            Assert.True(absent.ExitCode == 2, absent.ToString());
            Assert.Contains($"--redis-ca: file '{missing}' does not exist", absent.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private (int ExitCode, string Output) Timed(string what, Func<(int ExitCode, string Output)> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        output.WriteLine($"{what}: exit {result.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s: {result.Output.Trim()}");
        return result;
    }

    private static void AssertRefused((int ExitCode, string Output) result)
    {
        Assert.True(result.ExitCode == 2, result.Output);
        Assert.Contains("TLS", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\"", result.Output, StringComparison.Ordinal);
    }
}
