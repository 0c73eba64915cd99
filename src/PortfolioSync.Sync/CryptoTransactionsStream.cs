using System.Globalization;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// Main account only: the network details (network, address, transaction hash) of crypto deposits and withdrawals.
/// They describe events the ledger already has from <c>user_transactions</c>, so they are stored raw as detail
/// records, never as ledger entries. Bitstamp pages them by offset in an order it does not document (we assumed
/// newest first, rotki reads them as oldest first: bitstamp-api.md §9), so every run reads every page until one whose
/// lists are all shorter than the limit; nothing is inferred from the order. Keys: a deposit's id; a withdrawal (which has none) gets a <see cref="SyntheticId"/> of its
/// identity fields.
/// </summary>
internal sealed class CryptoTransactionsStream(StoreWorker store, ISyncProgress progress, string runId)
{
    private const int Limit = 1000;
    private const int MaxOffset = 200_000;

    public async Task<StreamTotals> RunAsync(SyncAccount account, List<Warning> warnings, CancellationToken ct)
    {
        var totals = new StreamTotals();
        for (var offset = 0; offset <= MaxOffset; offset += Limit)
        {
            ct.ThrowIfCancellationRequested();
            var page = await account.Client.GetCryptoTransactionsAsync(offset, Limit, ct).ConfigureAwait(false);
            var records = new List<PageRecord>();
            Add(records, "deposit", page.Deposits, account.Name, warnings);
            Add(records, "withdrawal", page.Withdrawals, account.Name, warnings);
            Add(records, "ripple_iou", page.RippleIouTransactions, account.Name, warnings);
            var commit = new PageCommit(account.Name, StreamNames.CryptoTransactions, runId, records, SameContent: CanonicalRecord.SameContent);
            var committed = await store.RunAsync(s => s.CommitPage(commit), ct).ConfigureAwait(false);
            totals.Add(records.Count, committed);
            progress.PageCommitted(new PageProgress(account.Name, StreamNames.CryptoTransactions, totals.Pages, records.Count,
                committed.Inserted, committed.Changed, committed.Unmapped, totals.Fetched, null));
            if (page.IsLast) break;
        }
        return totals;
    }

    private void Add(List<PageRecord> records, string kind, IReadOnlyList<RawRecord<CryptoTransaction>> rows, string account, List<Warning> warnings)
    {
        foreach (var row in rows)
        {
            if (row.Value is not { } v)
            {
                var w = new Warning(WarningCode.MalformedRecord, Severity.Warning, account, null,
                    $"crypto-transactions {kind}: {row.Malformed}; kept as received");
                warnings.Add(w);
                progress.Warning(w);
                records.Add(PageRecord.Detail(row.Id ?? SyntheticId.Of(kind + "|" + row.RawJson), row.RawJson));
                continue;
            }
            var id = kind == "deposit" && v.Id is { } depositId ? depositId
                : SyntheticId.Of(string.Create(CultureInfo.InvariantCulture,
                    $"{kind}|{v.Currency}|{v.TxId}|{v.At.ToUnixTimeSeconds()}|{v.Amount}|{v.DestinationAddress}|{v.Id}"));
            records.Add(PageRecord.Detail(id, row.RawJson));
        }
    }
}
