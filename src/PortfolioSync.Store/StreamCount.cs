namespace PortfolioSync.Store;

/// <summary>Record counts of one account and stream, kept up to date in every page transaction (no scan).</summary>
/// <param name="Records">Current raw records (one per key).</param>
/// <param name="Unmapped">Current raw records without a ledger entry.</param>
/// <param name="SupersededVersions">Older versions kept for changed records.</param>
/// <param name="MaxExternalId">The largest stored external id; null when none.</param>
public sealed record StreamCount(
    string Account,
    string Stream,
    long Records,
    long Unmapped,
    long SupersededVersions,
    long? MaxExternalId);
