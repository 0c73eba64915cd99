using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PortfolioSync.EndToEnd.Tests.Browser;

/// <summary>
/// A real headless Chromium driven over the DevTools protocol (its websocket, no library): a fresh profile, no
/// network services of its own (no QUIC, sync, component updates or background networking). Each protocol event is
/// kept, so tests can check console errors and network requests after the fact.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly List<JsonObject> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task? _receiving;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser to use: <c>PORTFOLIOSYNC_CHROMIUM</c>, else chromium, chromium-browser or google-chrome on PATH.</summary>
    public static string? Executable { get; } = Find();

    public static string SkipReason =>
        "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it), or set PORTFOLIOSYNC_CHROMIUM to its path";

    public static async Task<HeadlessChromium> StartAsync(CancellationToken ct)
    {
        var exe = Executable ?? throw new InvalidOperationException(SkipReason);
        var profile = Path.Combine(Path.GetTempPath(), "portfoliosync-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                     "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + exe);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            var deadline = Stopwatch.StartNew();
            string[] lines = [];
            while (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                if (File.Exists(portFile) && (lines = await File.ReadAllLinesAsync(portFile, ct)).Length >= 2) break;
                if (process.HasExited) throw new InvalidOperationException($"{exe} exited with {process.ExitCode} before it opened its DevTools port");
                await Task.Delay(50, ct);
            }
            if (lines.Length < 2) throw new TimeoutException($"{exe} did not open its DevTools port within 30 s");
            await browser._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), ct);
            browser._receiving = Task.Run(browser.ReceiveLoop, CancellationToken.None);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a new tab with the given viewport and returns its session.</summary>
    public async Task<BrowserPage> OpenPageAsync(int width, int height, bool mobile, CancellationToken ct)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, ct);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, null, ct);
        var page = new BrowserPage(this, attached["sessionId"]!.GetValue<string>());
        foreach (var domain in new[] { "Page.enable", "Runtime.enable", "Log.enable", "Network.enable" })
            await page.SendAsync(domain, null, ct);
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = mobile,
        }, ct);
        return page;
    }

    internal async Task<JsonObject> SendAsync(string method, JsonObject? parameters, string? sessionId, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null) message["sessionId"] = sessionId;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sending.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _sending.Release();
        }
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        if (result["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return result["result"]?.AsObject() ?? new JsonObject();
    }

    /// <summary>The events received so far for <paramref name="sessionId"/>.</summary>
    internal IReadOnlyList<JsonObject> Events(string sessionId)
    {
        lock (_events) return _events.Where(e => e["sessionId"]?.GetValue<string>() == sessionId).ToList();
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (node["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var waiting)) waiting.SetResult(node);
                else if (node["method"] is not null) lock (_events) _events.Add(node);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // the browser went away; pending calls time out with their method name
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (WebSocketException)
        {
        }
        catch (TimeoutException)
        {
        }
        if (_receiving is not null) await Task.WhenAny(_receiving, Task.Delay(2000));
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
        _stop.Dispose();
        _sending.Dispose();
        for (var i = 0; i < 5 && Directory.Exists(_profile); i++)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(200);   // the browser's last writes
            }
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PORTFOLIOSYNC_CHROMIUM") is { Length: > 0 } given) return File.Exists(given) ? given : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }
}
