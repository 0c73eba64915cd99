using System.Globalization;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Bitstamp.Csv;

/// <summary>
/// Maps rows of a Bitstamp CSV export to the same <see cref="LedgerEntry"/> kinds as <see cref="Mapping.LedgerMapper"/>
/// maps API rows. Pure; never throws for content; a row it cannot read as an event becomes <see cref="EntryKind.Unknown"/>
/// with a warning (its raw row is kept by the store).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Type (Subtype)</term><description>kind, legs</description></listheader>
/// <item><term>Market, Instant conversion (Buy / Sell)</term><description>Trade: ±Amount, ∓Value; fee in its currency (else the Value currency); quote the Value currency</description></item>
/// <item><term>Deposit, Ripple deposit</term><description>Deposit: +|Amount|</description></item>
/// <item><term>Withdrawal, Ripple payment</term><description>Withdrawal: −|Amount|</description></item>
/// <item><term>Sub Account Transfer, Inter Account Transfer, Settlement transfer</term><description>InternalTransfer with the Amount's sign (negative left the account, unsigned entered it)</description></item>
/// <item><term>Staking reward / Referral reward</term><description>StakingReward / ReferralReward: +|Amount|</description></item>
/// <item><term>Sent to staking / Credited with staked assets</term><description>StakingLock −|Amount| / StakingUnlock +|Amount|</description></item>
/// <item><term>anything else</term><description>Unknown, no legs, warning unknown-record</description></item>
/// </list>
/// Ids: a row with an <c>ID</c> keeps it (entry id <c>bitstamp:{account}:{ID}</c>, as the API's). A row without one gets
/// a negative id from its minute and its place among the file's rows of that minute in time order
/// (<see cref="ExternalIds"/>), so ids are stable for the same export and order events of one minute as the file does.
/// </remarks>
public static class CsvLedgerMapper
{
    /// <summary>The prefix of the store stream of an imported file: <c>csv:&lt;file name&gt;</c>.</summary>
    public const string StreamPrefix = "csv:";

    private const long MinuteSlots = 1L << 20;
    private const long Offset = 1L << 62;

    /// <summary>The stream name for a file name (its last path part), cut to the store's 64-character limit.</summary>
    public static string StreamOf(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var clean = new string(name.Select(c => c is '/' or '#' || char.IsControl(c) ? '_' : c).ToArray());
        var stream = StreamPrefix + clean;
        return stream.Length <= 64 ? stream : stream[..64];
    }

    /// <summary>
    /// The external id of each row, in row order: its <c>ID</c> when it has one, else
    /// <c>-(2^62 - (minute since 1970 × 2^20 + n))</c> where n numbers the id-less rows of that minute in time order
    /// (an export listing newest first is read backwards). Negative ids never collide with Bitstamp's.
    /// </summary>
    public static long[] ExternalIds(IReadOnlyList<CsvTransaction> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ids = new long[rows.Count];
        var newestFirst = rows.Count > 1 && rows[0].At > rows[^1].At;
        var seen = new Dictionary<long, long>();
        for (var k = 0; k < rows.Count; k++)
        {
            var i = newestFirst ? rows.Count - 1 - k : k;
            if (rows[i].Id is { } id) { ids[i] = id; continue; }
            var minute = rows[i].At.ToUnixTimeSeconds() / 60;
            var n = seen.GetValueOrDefault(minute);
            seen[minute] = n + 1;
            ids[i] = -(Offset - (minute * MinuteSlots + n));
        }
        return ids;
    }

    /// <summary>Maps <paramref name="row"/> of <paramref name="account"/>, read from <paramref name="stream"/>, under <paramref name="externalId"/>.</summary>
    public static LedgerMapping Map(string account, string stream, CsvTransaction row, long externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentNullException.ThrowIfNull(row);
        var id = LedgerEntry.BitstampId(account, externalId);
        var sourceKey = string.Create(CultureInfo.InvariantCulture, $"{account}/{stream}/{externalId}");
        var type = row.Type.ToLowerInvariant();
        var amount = row.Amount;
        var abs = Math.Abs(amount.Amount);

        Leg[] legs;
        EntryKind kind;
        switch (type)
        {
            case "market" or "instant conversion" or "instant convert":
                var buy = string.Equals(row.SubType, "Buy", StringComparison.OrdinalIgnoreCase);
                var sell = string.Equals(row.SubType, "Sell", StringComparison.OrdinalIgnoreCase);
                if (!buy && !sell) return Unknown(account, row, id, externalId, sourceKey, $"sub type '{row.SubType}' is neither Buy nor Sell");
                if (row.Value is not { } value) return Unknown(account, row, id, externalId, sourceKey, "a trade without a Value (its quote amount)");
                var quoteAmount = Math.Abs(value.Amount);
                legs = [new Leg(amount.Asset, buy ? abs : -abs), new Leg(value.Asset, buy ? -quoteAmount : quoteAmount)];
                kind = EntryKind.Trade;
                break;
            case "deposit" or "ripple deposit":
                (legs, kind) = ([new Leg(amount.Asset, abs)], EntryKind.Deposit);
                break;
            case "withdrawal" or "ripple payment":
                (legs, kind) = ([new Leg(amount.Asset, -abs)], EntryKind.Withdrawal);
                break;
            case "sub account transfer" or "inter account transfer" or "settlement transfer":
                (legs, kind) = ([new Leg(amount.Asset, amount.Amount)], EntryKind.InternalTransfer);
                break;
            case "staking reward":
                (legs, kind) = ([new Leg(amount.Asset, abs)], EntryKind.StakingReward);
                break;
            case "referral reward":
                (legs, kind) = ([new Leg(amount.Asset, abs)], EntryKind.ReferralReward);
                break;
            case "sent to staking":
                (legs, kind) = ([new Leg(amount.Asset, -abs)], EntryKind.StakingLock);
                break;
            case "credited with staked assets":
                (legs, kind) = ([new Leg(amount.Asset, abs)], EntryKind.StakingUnlock);
                break;
            default:
                return Unknown(account, row, id, externalId, sourceKey, $"type '{row.Type}' is not a known export type");
        }

        legs = legs.Where(l => l.Quantity != 0m).ToArray();
        if (row.FeeAmount < 0m) return Unknown(account, row, id, externalId, sourceKey, "a negative fee (rebate)");
        Money? fee = null;
        if (row.FeeAmount != 0m)
        {
            var feeAsset = row.Fee?.Asset ?? (kind == EntryKind.Trade ? legs[^1].Asset : amount.Asset);
            fee = new Money(row.FeeAmount, feeAsset);
        }
        if (legs.Length == 0 && fee is null) return Unknown(account, row, id, externalId, sourceKey, "moves nothing (zero amount)");
        var orderId = kind == EntryKind.Trade && type == "market" ? row.OrderId : null;
        // The quote of a trade is its Value currency, when the Value leg is still there (not zero).
        Asset? quote = kind == EntryKind.Trade && row.Value is { Amount: not 0m } v ? v.Asset : null;
        return new LedgerMapping(new LedgerEntry(id, account, row.At, kind, legs, fee, externalId, orderId, sourceKey, quote), null);
    }

    private static LedgerMapping Unknown(string account, CsvTransaction row, string id, long externalId, string sourceKey, string why)
    {
        var entry = new LedgerEntry(id, account, row.At, EntryKind.Unknown, [], null, externalId, row.OrderId, sourceKey);
        var warning = new Warning(WarningCode.UnknownRecord, Severity.Warning, account, id,
            string.Create(CultureInfo.InvariantCulture,
                $"account '{account}': CSV line {row.Line} (type '{row.Type}'): {why}; kept raw as Unknown"));
        return new LedgerMapping(entry, warning);
    }
}
