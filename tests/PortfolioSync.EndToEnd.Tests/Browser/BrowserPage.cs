using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PortfolioSync.EndToEnd.Tests.Browser;

/// <summary>One tab of <see cref="HeadlessChromium"/>.</summary>
public sealed class BrowserPage(HeadlessChromium browser, string sessionId)
{
    public Task<JsonObject> SendAsync(string method, JsonObject? parameters, CancellationToken ct) =>
        browser.SendAsync(method, parameters, sessionId, ct);

    /// <summary>Navigates and waits for the load event.</summary>
    /// <returns>The time from the navigation request to the load event.</returns>
    public async Task<TimeSpan> LoadAsync(Uri url, CancellationToken ct)
    {
        var before = browser.Events(sessionId).Count(e => Method(e) == "Page.loadEventFired");
        var clock = Stopwatch.StartNew();
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri }, ct);
        while (browser.Events(sessionId).Count(e => Method(e) == "Page.loadEventFired") == before)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the page did not load within 60 s: " + url);
            await Task.Delay(10, ct);
        }
        return clock.Elapsed;
    }

    /// <summary>Evaluates an expression in the page and returns its value (JSON).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken ct)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, ct);
        if (result["exceptionDetails"] is { } e) throw new InvalidOperationException($"script error in `{expression}`: {e.ToJsonString()}");
        return result["result"]?["value"]?.DeepClone();
    }

    public async Task<string> TextAsync(string expression, CancellationToken ct) =>
        (await EvaluateAsync(expression, ct))?.GetValue<string>() ?? throw new InvalidOperationException($"`{expression}` gave no text");

    /// <summary>A PNG of the whole page at the current width.</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken ct)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true }, ct);
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    /// <summary>Console errors, uncaught exceptions and error log entries (CSP violations among them).</summary>
    public IReadOnlyList<string> Errors() => browser.Events(sessionId).Select(e => Method(e) switch
    {
        "Runtime.consoleAPICalled" when e["params"]?["type"]?.GetValue<string>() is "error" or "assert" => "console: " + e["params"]!["args"]!.ToJsonString(),
        "Runtime.exceptionThrown" => "exception: " + e["params"]!["exceptionDetails"]!.ToJsonString(),
        "Log.entryAdded" when e["params"]?["entry"]?["level"]?.GetValue<string>() == "error" => "log: " + e["params"]!["entry"]!.ToJsonString(),
        _ => null,
    }).OfType<string>().ToList();

    /// <summary>The URL of every request the page made (the page itself included).</summary>
    public IReadOnlyList<string> Requests() => browser.Events(sessionId)
        .Where(e => Method(e) == "Network.requestWillBeSent")
        .Select(e => e["params"]!["request"]!["url"]!.GetValue<string>())
        .ToList();

    private static string? Method(JsonObject e) => e["method"]?.GetValue<string>();
}
