using System.Globalization;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Sync;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// Progress for cron and systemd: one plain line per committed page, no colours or redraws. Thread-safe.
/// With <c>quiet</c>, nothing (the summary follows the run).
/// </summary>
public sealed class PlainSyncProgress(TextWriter output, bool quiet) : ISyncProgress
{
    private readonly Lock _gate = new();

    public void AccountStarted(string account) => Line($"{account}: sync started");

    public void PageCommitted(PageProgress p) => Line(p.Account == "prices"
        ? string.Create(CultureInfo.InvariantCulture, $"prices {p.Stream}: {p.Records} daily candles")
        : string.Create(CultureInfo.InvariantCulture,
            $"{p.Account} {p.Stream} page {p.Number}: {p.Records} records ({p.Inserted} new, {p.Changed} changed, {p.Unmapped} unmapped), {p.TotalRecords} in this run"));

    public void Warning(Warning warning) { }

    public void Waiting(string what) => Line(what);

    public void AccountFinished(AccountSyncResult r) => Line(r.Succeeded
        ? string.Create(CultureInfo.InvariantCulture, $"{r.Account}: done, {r.Fetched} records fetched, {r.Inserted} new, {r.Changed} changed, {r.Requests} requests")
        : $"{r.Account}: FAILED: {r.Error}");

    private void Line(string text)
    {
        if (quiet) return;
        lock (_gate) output.WriteLine(text);
    }
}
