using PortfolioSync.Bitstamp;

namespace PortfolioSync.Sync;

/// <summary>One account to sync: its configured name, whether it is the main account, and its read-only client.</summary>
public sealed record SyncAccount(string Name, bool IsMain, IBitstampClient Client);
