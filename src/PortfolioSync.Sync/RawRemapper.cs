using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// Maps a stored raw record again, exactly as the sync maps a fetched one (the same parser and mapper): used by
/// <c>repair</c> to rebuild a store from the raw records it could still read.
/// </summary>
public static class RawRemapper
{
    /// <summary>The page record the sync would have committed for <paramref name="raw"/>; warnings go to <paramref name="warnings"/>.</summary>
    public static PageRecord ToPageRecord(RawRecord raw, List<Warning> warnings)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(warnings);
        if (raw.Stream == StreamNames.UserTransactions)
            return UserTransactionsStream.ToPageRecord(raw.Account, UserTransactionParser.Parse(raw.Json), warnings, _ => { });
        // Every other raw stream holds detail records (crypto_transactions): kept raw, never mapped, as the sync does.
        return PageRecord.Detail(raw.ExternalId, raw.Json);
    }
}
