using System.Diagnostics;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary>A test that starts its own redis-server with TLS: skipped (saying why) without the test Redis set-up
/// (<see cref="RedisFactAttribute.Variable"/>, which .ci/run provides with redis-server installed) or when this
/// machine's redis-server was built without TLS.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RedisTlsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    public RedisTlsFactAttribute() => Skip = Missing.Value;

    private static string? FindMissing()
    {
        if (string.IsNullOrWhiteSpace(RedisFactAttribute.Endpoint))
        {
            return $"Needs redis-server: set {RedisFactAttribute.Variable}=HOST:PORT (.ci/run installs redis-server and starts one).";
        }

        // A redis-server with TLS accepts --tls-port (and, listening nowhere, exits at once); one without TLS rejects
        // the directive.
        try
        {
            var probe = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])["--port", "0", "--tls-port", "0", "--save", "", "--appendonly", "no"])
            {
                probe.ArgumentList.Add(a);
            }

            using var p = Process.Start(probe)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd() + stderr.Result;
            if (!p.WaitForExit(10_000))
            {
                p.Kill();
                return "redis-server did not answer the TLS probe within 10 s.";
            }

            return output.Contains("Bad directive", StringComparison.Ordinal) ? "This redis-server was built without TLS (it rejects --tls-port)." : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "redis-server is not installed.";
        }
    }
}
