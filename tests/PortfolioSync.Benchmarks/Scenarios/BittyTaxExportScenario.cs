using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime.Text;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Reading;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Benchmarks.Scenarios;

/// <summary>
/// The side-by-side with BittyTax (issue 16, docs/benchmarks.md): writes a store's whole ledger as BittyTax
/// transaction records, each value in the base currency taken the way our cost basis engine values it, so that both
/// programs compute the same thing from the same figures and BittyTax never looks a price up.
///   scenario bittytax-export --config CFG [--out DIR]
/// Writes <c>DIR/bittytax-records.csv</c> (BittyTax's 13 columns) and <c>DIR/bittytax.conf</c> (BittyTax's config:
/// our fiat list and time zone, trade fees allowable on the disposal, no price data source). Reads the store through
/// <see cref="StoreInput"/> like <c>report</c> does; changes nothing in the store or in the product.
/// <para>Mapping (the engine's rules in <c>PoolEventBuilder</c>, default options):</para>
/// <list type="bullet">
/// <item>Trade against fiat: <c>Trade</c>, crypto and fiat sides both valued at the fiat legs' value (the crypto leg's
/// market value when the fiat has no price); the fee in the Fee columns, valued at market (allowable cost of the trade,
/// as in the engine).</item>
/// <item>Crypto for crypto: <c>Trade</c> with Buy Value = the acquired lot's cost and Sell Value = the proceeds,
/// per the config's <c>cryptoToCrypto</c> (once: the quote leg's value for both; each-leg: each at its own price);
/// BittyTax's <c>trade_allowable_cost_type: 1</c> puts the fee on the disposal of what was given, as the engine does.</item>
/// <item>Deposit: what returns lots withdrawn before (the engine's <c>Return</c>) is a BittyTax <c>Deposit</c>
/// (a transfer); the rest is a <c>Gift-Received</c> of value 0 (the engine's zero-cost lot, an acquisition that is
/// not income). Withdrawal and internal transfer: <c>Withdrawal</c>/<c>Deposit</c> (transfers; an internal
/// transfer's Note is its entry id followed by <c>internal-transfer</c>, every other Note the entry id).</item>
/// <item>Staking and other rewards: <c>Staking</c> / <c>Income</c> at market value. Fees of entries other than
/// trades, paid in a cryptoasset: a separate <c>Spend</c> at market value (the engine's fee disposal, no allowable
/// cost); fiat fees there change nothing. Staking lock/unlock: only their fee. Write-off: <c>Spend</c> of value 0.
/// Derivatives settlement: <c>Gift-Received</c> (acquisition) or <c>Spend</c> at market value.</item>
/// </list>
/// A value without a price is written as 0 (what the engine uses, with its warning) and counted in the summary line,
/// since an empty value would make BittyTax fetch a price from the web.
/// </summary>
internal static class BittyTaxExportScenario
{
    private static readonly string[] Header =
        ["Type", "Buy Quantity", "Buy Asset", "Buy Value", "Sell Quantity", "Sell Asset", "Sell Value",
         "Fee Quantity", "Fee Asset", "Fee Value", "Wallet", "Timestamp", "Note"];

    /// <summary>Assets Bitstamp quotes crypto markets in, most usual first: the engine's list for <c>once</c>.</summary>
    private static readonly Asset[] QuoteAssets =
        [.. new[] { "USDT", "USDC", "PYUSD", "RLUSD", "EURC", "EURT", "USDP", "PAX", "GUSD", "DAI", "BTC", "ETH" }.Select(Asset.Parse)];

    public static int Run(string[] args)
    {
        var configPath = args.SkipWhile(a => a != "--config").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--config CFG");
        var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bittytax-input";
        var clock = Stopwatch.StartNew();
        var env = CliEnvironment.FromProcess();
        var config = ConfigLoader.Load(configPath, env);
        var options = CostBasisOptionsFactory.Create(config, ManualCostsInput.Read(config));
        if (options.Method != CostBasisMethod.Uk || options.Scope != PoolScope.Universal || options.WithdrawalsAreDisposals
            || !options.CryptoFeesAreDisposals || ManualCostsInput.Read(config).Count > 0)
            throw new ArgumentException("the export follows the UK method with universal pools, crypto fees as disposals, withdrawals as transfers and no manual costs (what BittyTax computes)");
        var input = StoreInput.Load(config.StorePath, config.BaseCurrency, config.Fiat, env, config.MaxPriceAgeDays);
        var exporter = new Exporter(options, input.Prices);
        foreach (var e in LedgerOrder.Sort(input.Ledger)) exporter.Add(e);

        Directory.CreateDirectory(outDir);
        var csv = Path.Combine(outDir, "bittytax-records.csv");
        using (var w = new StreamWriter(csv, false, new UTF8Encoding(false)))
        {
            w.NewLine = "\n";
            w.WriteLine(string.Join(',', Header));
            foreach (var row in exporter.Rows) w.WriteLine(string.Join(',', row));
        }
        var fiat = string.Join(", ", options.FiatSet.Codes.Order(StringComparer.Ordinal));
        File.WriteAllText(Path.Combine(outDir, "bittytax.conf"), $"""
            # BittyTax config written by `scenario bittytax-export` (PortfolioSync benchmarks): the same base currency,
            # zone and fiat list as the store's report; trade fees allowable on the disposal of what was given
            # (trade_allowable_cost_type 1); every record carries its value, so no price data source is initialised.
            local_currency: {options.BaseCurrency.Code}
            local_timezone: {options.Zone.Id}
            fiat_list: [{fiat}]
            trade_allowable_cost_type: 1
            transfers_include: False
            transfer_fee_disposal: True
            lost_buyback: False
            data_source_fiat: []
            data_source_crypto: []

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{input.Ledger.Count:N0} entries -> {exporter.Rows.Count:N0} BittyTax records in {csv} ({string.Join(", ", exporter.Types.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}"))}); "
            + $"{exporter.Unpriced} value(s) without a price written as 0; {exporter.Skipped} entries with nothing for BittyTax; {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private sealed class Exporter(CostBasisOptions o, PriceBook prices)
    {
        private readonly Dictionary<Asset, decimal> _external = [];

        public List<string[]> Rows { get; } = [];
        public SortedDictionary<string, int> Types { get; } = new(StringComparer.Ordinal);
        public int Unpriced { get; private set; }
        public int Skipped { get; private set; }

        public void Add(LedgerEntry e)
        {
            var before = Rows.Count;
            var feeOnTrade = false;
            switch (e.Kind)
            {
                case EntryKind.Trade:
                    feeOnTrade = Trade(e);
                    break;
                case EntryKind.Deposit:
                    foreach (var (a, q) in NetLegs(e))
                        if (q > 0m) Deposit(e, a, q);
                        else if (!IsFiat(a)) Withdrawal(e, a, -q);
                    break;
                case EntryKind.Withdrawal:
                    foreach (var (a, q) in NetLegs(e))
                        if (q < 0m) Withdrawal(e, a, -q);
                        else Deposit(e, a, q);
                    break;
                case EntryKind.InternalTransfer:
                    // Paired between the configured accounts (the engine warns about any that is not): a move.
                    foreach (var (a, q) in NetLegs(e))
                        Row(e, q > 0m ? "Deposit" : "Withdrawal", q > 0m ? (a, q, null) : null, q < 0m ? (a, -q, null) : null,
                            note: e.Id + " internal-transfer");
                    break;
                case EntryKind.StakingReward or EntryKind.ReferralReward or EntryKind.OtherIncome:
                    foreach (var (a, q) in NetLegs(e))
                        if (q > 0m) Row(e, e.Kind == EntryKind.StakingReward ? "Staking" : "Income", (a, q, Value(e, a, q)), null);
                        else if (!IsFiat(a)) Withdrawal(e, a, -q);
                    break;
                case EntryKind.Fee:
                    foreach (var (a, q) in NetLegs(e))
                        if (q < 0m && !IsFiat(a)) Row(e, "Spend", null, (a, -q, Value(e, a, -q)));
                        else if (q > 0m) Row(e, "Income", (a, q, Value(e, a, q)), null);
                    break;
                case EntryKind.WriteOff:
                    foreach (var (a, q) in NetLegs(e))
                        if (q < 0m && !IsFiat(a)) Row(e, "Spend", null, (a, -q, 0m));
                    break;
                case EntryKind.DerivativesSettlement:
                    foreach (var (a, q) in NetLegs(e))
                        if (IsFiat(a)) continue;
                        else if (q > 0m) Row(e, "Gift-Received", (a, q, Value(e, a, q)), null);
                        else Row(e, "Spend", null, (a, -q, Value(e, a, -q)));
                    break;
            }
            // The fee of any other entry, paid in a cryptoasset: disposed of at market value (no allowable cost).
            if (!feeOnTrade && e.Fee is { Amount: > 0m } fee && !IsFiat(fee.Asset))
                Row(e, "Spend", null, (fee.Asset, fee.Amount, Value(e, fee.Asset, fee.Amount)));
            if (Rows.Count == before) Skipped++;
        }

        /// <returns>Whether the fee went into the trade's record.</returns>
        private bool Trade(LedgerEntry e)
        {
            var legs = NetLegs(e);
            var crypto = legs.Where(l => !IsFiat(l.Asset)).ToList();
            var fiat = legs.Where(l => IsFiat(l.Asset)).ToList();
            if (crypto.Count == 0) return false;   // fiat for fiat: money, not assets (the engine ignores it too)
            var fee = e.Fee is { Amount: > 0m } f ? (f.Asset, f.Amount, (decimal?)Value(e, f.Asset, f.Amount)) : ((Asset, decimal, decimal?)?)null;
            if (fiat.Count == 1 && crypto.Count == 1)
            {
                var (fa, fq) = fiat[0];
                var (ca, cq) = crypto[0];
                var value = Price(e, fa, Math.Abs(fq)) ?? Price(e, ca, Math.Abs(cq));
                if (value is null) Unpriced++;
                var v = value ?? 0m;
                if (cq > 0m) Row(e, "Trade", (ca, cq, v), (fa, -fq, v), fee);
                else Row(e, "Trade", (fa, fq, v), (ca, -cq, v), fee);
                return true;
            }
            if (fiat.Count == 0 && crypto.Count == 2 && crypto[0].Quantity * crypto[1].Quantity < 0m)
            {
                var (given, gq) = crypto[0].Quantity < 0m ? crypto[0] : crypto[1];
                var (received, rq) = crypto[0].Quantity < 0m ? crypto[1] : crypto[0];
                decimal? proceeds, cost;
                if (o.CryptoToCrypto == CryptoToCryptoValuation.EachLeg)
                {
                    var receivedValue = Price(e, received, rq);
                    var givenValue = Price(e, given, -gq);
                    (proceeds, cost) = (receivedValue ?? givenValue, givenValue ?? receivedValue);
                }
                else
                {
                    var (quote, qq, other, oq) = QuoteAsset(e) == given ? (given, -gq, received, rq) : (received, rq, given, -gq);
                    var value = Price(e, quote, qq) ?? Price(e, other, oq);
                    (proceeds, cost) = (value, value);
                }
                if (proceeds is null) Unpriced++;
                Row(e, "Trade", (received, rq, cost ?? 0m), (given, -gq, proceeds ?? 0m), fee);
                return true;
            }
            throw new NotSupportedException($"{e.Id}: a trade with {crypto.Count} crypto and {fiat.Count} fiat legs is not mapped");
        }

        private void Deposit(LedgerEntry e, Asset asset, decimal q)
        {
            if (IsFiat(asset))
            {
                Row(e, "Deposit", (asset, q, null), null);
                return;
            }
            // Own coins coming back (the engine's Return): a transfer; the rest came from outside at zero cost.
            var back = Math.Min(q, _external.GetValueOrDefault(asset));
            if (back > 0m)
            {
                _external[asset] -= back;
                Row(e, "Deposit", (asset, back, null), null);
            }
            if (q - back > 0m) Row(e, "Gift-Received", (asset, q - back, 0m), null);
        }

        private void Withdrawal(LedgerEntry e, Asset asset, decimal q)
        {
            if (!IsFiat(asset)) _external[asset] = _external.GetValueOrDefault(asset) + q;
            Row(e, "Withdrawal", null, (asset, q, null));
        }

        private void Row(LedgerEntry e, string type, (Asset Asset, decimal Quantity, decimal? Value)? buy,
            (Asset Asset, decimal Quantity, decimal? Value)? sell, (Asset Asset, decimal Amount, decimal? Value)? fee = null,
            string? note = null)
        {
            var feeValue = fee is { } f ? f.Value ?? Zero() : 0m;
            Rows.Add([
                type,
                buy is { } b ? Num(b.Quantity) : "", buy?.Asset.Code ?? "", buy is { Value: { } bv } ? Num(bv) : "",
                sell is { } s ? Num(s.Quantity) : "", sell?.Asset.Code ?? "", sell is { Value: { } sv } ? Num(sv) : "",
                fee is { } f2 ? Num(f2.Amount) : "", fee?.Asset.Code ?? "", fee is not null ? Num(feeValue) : "",
                e.Account,
                InstantPattern.ExtendedIso.Format(e.At),
                note ?? e.Id,
            ]);
            Types[type] = Types.GetValueOrDefault(type) + 1;
        }

        private decimal Zero()
        {
            Unpriced++;
            return 0m;
        }

        /// <summary>Market value in the base currency as the engine takes it, or 0 (counted) without a price.</summary>
        private decimal Value(LedgerEntry e, Asset asset, decimal quantity) => Price(e, asset, quantity) ?? Zero();

        private decimal? Price(LedgerEntry e, Asset asset, decimal quantity)
        {
            if (asset == o.BaseCurrency) return quantity;
            var c = prices.Convert(asset, o.BaseCurrency, e.At);
            return c.IsFound ? c.Apply(quantity) : null;
        }

        private bool IsFiat(Asset asset) => asset == o.BaseCurrency || o.FiatSet.Contains(asset);

        private static Asset? QuoteAsset(LedgerEntry e)
        {
            if (e.Fee is { Amount: > 0m } fee && e.Legs.Any(l => l.Asset == fee.Asset)) return fee.Asset;
            foreach (var quote in QuoteAssets)
                if (e.Legs.Any(l => l.Asset == quote)) return quote;
            return e.Legs.Count >= 2 ? e.Legs[1].Asset : null;
        }

        private static List<(Asset Asset, decimal Quantity)> NetLegs(LedgerEntry e)
        {
            var result = new List<(Asset Asset, decimal Quantity)>(e.Legs.Count);
            foreach (var leg in e.Legs)
            {
                var i = result.FindIndex(r => r.Asset == leg.Asset);
                if (i < 0) result.Add((leg.Asset, leg.Quantity));
                else result[i] = (leg.Asset, result[i].Quantity + leg.Quantity);
            }
            result.RemoveAll(r => r.Quantity == 0m);
            return result;
        }

        private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);
    }
}
