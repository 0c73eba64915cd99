using System.Globalization;
using System.Text.Json;
using LiteDB;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store.Schema;

/// <summary>
/// Schema 8: every trade carries its market's quote (<see cref="LedgerEntry.Quote"/>). From schema 8 on the mappers set
/// it; this step sets it on the trades stored before, to exactly what the mappers set now, so that <c>verify</c>'s remap
/// check finds an upgraded store equal to its raw records:
/// <list type="bullet">
/// <item>API records (<c>{account}/user_transactions/{id}</c>): the fee's asset when there is a fee (the mapper charges
/// a trade's fee in its quote); else the quote of the first pair key of the raw record (<c>eth_btc</c>: BTC, codes
/// compared case-insensitively, the rate a non-zero number) whose two codes are both legs; else the first fiat leg
/// (<see cref="Asset.DefaultFiat"/>); else the second leg; else the only leg.</item>
/// <item>CSV rows (<c>{account}/csv:&lt;file&gt;/{id}</c>): the second leg when there are two (the Value leg); with one
/// leg, that leg when the row's Value is not zero (then the Amount was); else none.</item>
/// </list>
/// Entries that already have a quote, other kinds, other streams and documents that cannot be read are left as they
/// are (<c>verify</c> names the last). The raw record of a rewritten entry gets the entry's new fingerprint when it held
/// the old one. Batches of <see cref="SchemaMigrations.CompactBatch"/>, each in its own
/// transaction; running it again changes nothing.
/// </summary>
internal static class TradeQuoteBackfill
{
    private const string ApiStream = "user_transactions";
    private const string CsvStreamPrefix = "csv:";

    public static void Apply(LiteDatabase db)
    {
        var ledger = db.GetCollection(N.Ledger);
        var raw = db.GetCollection(N.Raw);
        var last = BsonValue.MinValue;
        while (true)
        {
            // One transaction per batch, reads included: in shared mode each call outside a transaction opens and
            // closes the engine, and a raw record is read per trade (a million such opens took over 9 minutes).
            if (!db.BeginTrans()) throw new InvalidOperationException("A store transaction is already open on this thread.");
            bool more;
            try
            {
                more = Batch(ledger, raw, ref last);
                db.Commit();
            }
            catch
            {
                db.Rollback();
                throw;
            }
            if (!more) return;
        }
    }

    /// <summary>Rewrites the trades of the next batch after <paramref name="last"/>; false when it was the last one.</summary>
    private static bool Batch(ILiteCollection<BsonDocument> ledger, ILiteCollection<BsonDocument> raw, ref BsonValue last)
    {
        var docs = ledger.Find(Query.GT(N.Id, last), 0, SchemaMigrations.CompactBatch).ToList();
        if (docs.Count == 0) return false;
        var rewritten = new List<BsonDocument>();
        var fingerprints = new List<BsonDocument>();
        foreach (var d in docs)
        {
            LedgerEntry entry;
            try
            {
                entry = LedgerBson.FromDocument(d);
            }
            catch (FormatException)
            {
                continue;   // damaged: verify names it, repair salvages it
            }
            if (entry.Kind != EntryKind.Trade || entry.Quote is not null) continue;
            var source = raw.FindById(entry.SourceKey);
            if (QuoteOf(entry, _ => Json(source)) is not { } quote) continue;
            var quoted = entry with { Quote = quote };
            rewritten.Add(LedgerBson.ToDocument(quoted));
            // The raw record's fingerprint of its entry follows, so that the record re-sent unchanged is unchanged.
            if (source is not null && source[N.Entry] is { IsString: true } mapped && mapped.AsString == entry.Id
                && source[N.EntryHash] is { IsInt64: true } hash && hash.AsInt64 == LedgerBson.Fingerprint(entry))
            {
                source[N.EntryHash] = LedgerBson.Fingerprint(quoted);
                fingerprints.Add(source);
            }
        }
        if (rewritten.Count > 0) ledger.Update(rewritten);
        if (fingerprints.Count > 0) raw.Update(fingerprints);
        last = docs[^1][N.Id];
        return docs.Count == SchemaMigrations.CompactBatch;
    }

    /// <summary>The quote the mapper of the trade's stream sets now, <paramref name="rawJson"/> giving the JSON of a raw
    /// record by key (null when it is not stored or damaged); null for a stream without one.</summary>
    internal static Asset? QuoteOf(LedgerEntry entry, Func<string, string?> rawJson)
    {
        if (!RawKey.TryParse(entry.SourceKey, out _, out var stream, out _)) return null;
        if (stream == ApiStream)
        {
            if (entry.Fee is { } fee) return fee.Asset;
            return QuoteOf(entry.Legs, rawJson(entry.SourceKey));
        }
        if (stream.StartsWith(CsvStreamPrefix, StringComparison.Ordinal))
            return entry.Legs.Count switch
            {
                2 => entry.Legs[1].Asset,
                1 when ValueIsNonZero(rawJson(entry.SourceKey)) => entry.Legs[0].Asset,
                _ => null,
            };
        return null;
    }

    /// <summary>The quote of an API trade without a fee: as <c>LedgerMapper.QuoteOf</c> decides it from the record.</summary>
    private static Asset? QuoteOf(IReadOnlyList<Leg> legs, string? json)
    {
        if (json is not null)
            foreach (var (@base, quote) in PairKeys(json))
            {
                if (!legs.Any(l => string.Equals(l.Asset.Code, @base, StringComparison.OrdinalIgnoreCase))) continue;
                foreach (var leg in legs)
                    if (string.Equals(leg.Asset.Code, quote, StringComparison.OrdinalIgnoreCase)) return leg.Asset;
            }
        foreach (var leg in legs)
            if (Asset.DefaultFiat.Contains(leg.Asset)) return leg.Asset;
        return legs.Count >= 2 ? legs[1].Asset : legs.Count == 1 ? legs[0].Asset : null;
    }

    /// <summary>The <c>a_b</c> keys of a record whose value is a non-zero number, in document order.</summary>
    private static List<(string Base, string Quote)> PairKeys(string json)
    {
        var pairs = new List<(string, string)>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return pairs;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var underscore = p.Name.IndexOf('_', StringComparison.Ordinal);
                if (underscore <= 0 || underscore == p.Name.Length - 1 || underscore != p.Name.LastIndexOf('_')) continue;
                if (!IsNonZero(p.Value)) continue;
                pairs.Add((p.Name[..underscore], p.Name[(underscore + 1)..]));
            }
        }
        catch (JsonException)
        {
            // Not JSON: no pair keys (the mapper could not read it either; verify says so).
        }
        return pairs;
    }

    private static bool IsNonZero(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d != 0m : value.GetDouble() != 0d,
        JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0m,
        _ => false,
    };

    /// <summary>Whether a stored CSV row's Value is a non-zero amount: the <c>Value</c> cell, a number (RFC 4180 export)
    /// or a number and a currency (<c>2214.01 EUR</c>, the old export).</summary>
    private static bool ValueIsNonZero(string? json)
    {
        if (json is null) return false;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!string.Equals(p.Name, "Value", StringComparison.OrdinalIgnoreCase) || p.Value.ValueKind != JsonValueKind.String) continue;
                var text = p.Value.GetString()!.Trim();
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                var number = space < 0 ? text : text[..space];
                return DecimalText.TryParse(number, out var d, out _) && d != 0m;
            }
        }
        catch (JsonException)
        {
            // Not JSON: treated as no Value.
        }
        return false;
    }

    private static string? Json(BsonDocument? d)
    {
        if (d is null) return null;
        try
        {
            RawBson.Check(d, current: true, required: false);
        }
        catch (FormatException)
        {
            return null;   // damaged: verify names it
        }
        return d[N.Json].AsString;
    }
}
