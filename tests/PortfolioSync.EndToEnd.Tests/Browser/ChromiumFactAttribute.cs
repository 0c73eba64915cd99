namespace PortfolioSync.EndToEnd.Tests.Browser;

/// <summary>A fact that runs in a real headless Chromium; skipped, with the reason, only when no Chromium is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null) Skip = HeadlessChromium.SkipReason;
    }
}
