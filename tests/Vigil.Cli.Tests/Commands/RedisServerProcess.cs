using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vigil.Cli.Tests.Commands;

/// <summary>A redis-server of a test's own (password, TLS) on 127.0.0.1 and a free port, without persistence; killed on dispose.</summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    /// <summary>Starts redis-server with <paramref name="arguments"/> (which must make it listen on <paramref name="port"/>)
    /// and waits until that port accepts connections.</summary>
    public RedisServerProcess(int port, params string[] arguments)
    {
        Port = port;
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", .. arguments])
        {
            start.ArgumentList.Add(a);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!CanConnect(port))
        {
            Assert.True(!_process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(20), "redis-server did not start: " + Log);
            Thread.Sleep(50);
        }
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>What it printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Its port as text, for command lines.</summary>
    public static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
