using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Reporting.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol with nothing but <see cref="ClientWebSocket"/>: one
/// browser process with a fresh profile folder, one page attached in flat mode, console errors collected.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;
    private string? _session;

    private HeadlessChromium(Process process, ClientWebSocket socket, string profile)
    {
        _process = process;
        _socket = socket;
        _profile = profile;
        _reader = Task.Run(ReadLoop);
    }

    /// <summary>Console errors, uncaught exceptions and error log entries seen on the page.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>The Chromium executable: <c>VIGIL_CHROMIUM</c>, else the first of Debian's names found on the PATH.</summary>
    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("VIGIL_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => path.Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Starts the browser and attaches to a new blank page of <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    public static async Task<HeadlessChromium> StartAsync(int width = 1400, int height = 1000)
    {
        string executable = FindExecutable() ?? throw new InvalidOperationException("Chromium not found (apt-get install chromium).");
        string profile = Directory.CreateTempSubdirectory("vigil-chromium-").FullName;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--hide-scrollbars", "--mute-audio", $"--user-data-dir={profile}", "--remote-debugging-port=0",
            $"--window-size={width},{height}", "about:blank",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            const string marker = "DevTools listening on ";
            if (e.Data is { } line && line.Contains(marker, StringComparison.Ordinal))
            {
                endpoint.TrySetResult(line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim());
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var started = await Task.WhenAny(endpoint.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != endpoint.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not print its DevTools endpoint within 60 s.");
        }

        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(new Uri(endpoint.Task.Result), CancellationToken.None);
        var browser = new HeadlessChromium(process, socket, profile);
        var target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
        var attached = await browser.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, browserLevel: true);
        browser._session = attached.GetProperty("sessionId").GetString();
        await browser.SendAsync("Runtime.enable");
        await browser.SendAsync("Log.enable");
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        return browser;
    }

    /// <summary>Sends a command to the page (or the browser) and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (!browserLevel && _session is not null)
        {
            message["sessionId"] = _session;
        }

        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var done = await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        return done == reply.Task ? reply.Task.Result : throw new TimeoutException($"DevTools command {method} got no reply within 60 s.");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (promises awaited) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException($"Page script failed: {error}");
        }

        var remote = result.GetProperty("result");
        return remote.TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls <paramref name="condition"/> (a boolean expression) until it is true.</summary>
    public async Task WaitForAsync(string condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var value = await EvaluateAsync($"Boolean({condition})");
            if (value.ValueKind == JsonValueKind.True)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"'{condition}' was still false after {timeout.TotalSeconds} s; page errors: {string.Join(" | ", Errors)}");
    }

    /// <summary>A PNG screenshot of the page region <paramref name="clip"/> (CSS pixels: x, y, width, height), or of the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync((double X, double Y, double Width, double Height)? clip = null)
    {
        var parameters = new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true };
        if (clip is { } c)
        {
            parameters["clip"] = new JsonObject { ["x"] = c.X, ["y"] = c.Y, ["width"] = c.Width, ["height"] = c.Height, ["scale"] = 1 };
        }

        var shot = await SendAsync("Page.captureScreenshot", parameters);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 20];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                using (var doc = JsonDocument.Parse(message.ToArray()))
                {
                    Dispatch(doc.RootElement);
                }

                message.SetLength(0);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The DevTools connection closed."));
            }
        }
    }

    private void Dispatch(JsonElement root)
    {
        if (root.TryGetProperty("id", out var idElement))
        {
            if (_pending.TryRemove(idElement.GetInt32(), out var reply))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                }
                else
                {
                    reply.TrySetResult(root.GetProperty("result").Clone());
                }
            }

            return;
        }

        string method = root.TryGetProperty("method", out var m) ? m.GetString() ?? "" : "";
        var p = root.TryGetProperty("params", out var ps) ? ps : default;
        switch (method)
        {
            case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                Errors.Enqueue("console." + p.GetProperty("type").GetString() + ": " + p.GetProperty("args").ToString());
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue("exception: " + p.GetProperty("exceptionDetails").ToString());
                break;
            case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                Errors.Enqueue("log: " + p.GetProperty("entry").GetProperty("text").GetString());
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await SendAsync("Browser.close", browserLevel: true).WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception)
        {
            // The browser may already be gone; it is killed below either way.
        }

        _stop.Cancel();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _socket.Dispose();
        _process.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Reader ends with the socket.
        }

        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A crashed browser can hold files briefly; the folder is under the temp directory.
        }
    }
}
