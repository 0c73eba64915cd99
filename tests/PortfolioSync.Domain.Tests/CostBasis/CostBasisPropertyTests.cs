using FsCheck;
using FsCheck.Xunit;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tests.Support;

namespace PortfolioSync.Domain.Tests.CostBasis;

/// <summary>
/// Invariants over random ledgers, for every method and scope. A ledger is decoded from FsCheck's int array (so
/// shrinking removes operations): buys, sells, swaps, deposits, withdrawals, staking income, paired transfers between
/// two accounts and crypto fees, on BTC and ETH against GBP, over a few weeks so the UK 30-day rule is exercised.
/// Prices are whole pounds (BTC 100 + day, ETH 10 + day), so valuations are exact.
/// </summary>
public sealed class CostBasisPropertyTests
{
    private static readonly string[] Accounts = ["main", "bot"];
    private static readonly Asset[] Coins = [Asset.Btc, Asset.Parse("ETH")];
    private static readonly PriceBook Book = new(Enumerable.Range(0, 400).SelectMany(d => new[]
    {
        new DailyPrice(Asset.Btc, Asset.Gbp, LedgerBuilder.Date("2024-01-01").PlusDays(d), 0, 0, 0, 100m + d),
        new DailyPrice(Asset.Parse("ETH"), Asset.Gbp, LedgerBuilder.Date("2024-01-01").PlusDays(d), 0, 0, 0, 10m + d),
    }));

    private sealed record Generated(IReadOnlyList<LedgerEntry> Ledger, Dictionary<Asset, decimal> Acquired, decimal AcquiredCost,
        Dictionary<string, decimal> LotQuantity);

    private static Generated Decode(int[] ops)
    {
        var b = new LedgerBuilder();
        var acquired = Coins.ToDictionary(c => c, _ => 0m);
        var lots = new Dictionary<string, decimal>();
        decimal cost = 0m;
        var day = 0;
        var id = 1000;   // LedgerBuilder numbers entries from 1000
        foreach (var raw in ops)
        {
            var x = (raw * 2654435761L) & 0x7fffffff;   // spread FsCheck's small ints over every field
            day += (int)(x / 4096 % 3);
            var on = NodaTime.Text.LocalDatePattern.Iso.Format(LedgerBuilder.Date("2024-01-01").PlusDays(day));
            var account = Accounts[x / 16 % 2];
            var coin = Coins[x / 32 % 2];
            var other = Coins[1 - x / 32 % 2];
            var q = (1 + x / 64 % 50) / 10m;   // 0.1 … 5
            var price = (coin == Asset.Btc ? 100m : 10m) + day;
            var lotId = $"bitstamp:{account}:{id}/{coin}";
            switch (x % 9)
            {
                case 0 or 1:
                    b.Buy($"{q} {coin}", on: on, cost: $"{q * price} GBP", fee: "1 GBP", account: account);
                    acquired[coin] += q; cost += q * price + 1m; lots[lotId] = q; id++;
                    break;
                case 2 or 3:
                    b.Sell($"{q} {coin}", on: on, proceeds: $"{q * price} GBP", fee: "0.5 GBP", account: account); id++;
                    break;
                case 4:
                    b.Swap(give: $"{q} {coin}", get: $"{q} {other}", on: on, fee: $"0.01 {coin}", account: account);
                    acquired[other] += q; cost += q * price; lots[$"bitstamp:{account}:{id}/{other}"] = q; id++;
                    break;
                case 5:
                    b.Deposit($"{q} {coin}", on: on, account: account);
                    acquired[coin] += q; lots[lotId] = q; id++;
                    break;
                case 6:
                    b.Withdraw($"{q} {coin}", on: on, account: account); id++;
                    break;
                case 7:
                    b.Income($"{q} {coin}", on: on, account: account);
                    acquired[coin] += q; cost += q * price; lots[lotId] = q; id++;
                    break;
                default:
                    b.Transfer($"{q} {coin}", from: account, to: Accounts[1 - x / 16 % 2], on: on); id += 2;
                    break;
            }
        }
        return new Generated(b.Build(), acquired, cost, lots);
    }

    private static CostBasisResult Run(IReadOnlyList<LedgerEntry> ledger, CostBasisMethod method, PoolScope scope, bool feesAreDisposals = true) =>
        CostBasisEngine.Run(ledger, Book, CostBasisOptions.For(method, Jurisdiction.Uk) with
        {
            Scope = scope, PerAccountFrom = LedgerBuilder.Date("2024-01-20"), CryptoFeesAreDisposals = feesAreDisposals,
        });

    private static bool Close(decimal a, decimal b) => Math.Abs(a - b) <= 0.000000001m;

    [Property(MaxTest = 60)]
    public bool Quantity_is_conserved(int[] ops, CostBasisMethod method, PoolScope scope, bool feesAreDisposals)
    {
        var g = Decode(ops);
        var r = Run(g.Ledger, method, scope, feesAreDisposals);
        return Coins.All(coin =>
        {
            var matched = r.Disposals.Where(d => d.Asset == coin).SelectMany(d => d.Lots).Where(l => l.Rule != MatchRule.Shortfall).Sum(l => l.Quantity);
            var held = r.Holdings.Where(h => h.Asset == coin).Sum(h => h.Quantity);
            var external = r.External.Where(h => h.Asset == coin).Sum(h => h.Quantity);
            var removed = r.FeeRemovals.Where(f => f.Asset == coin).Sum(f => f.Quantity);
            return matched + held + external + removed == g.Acquired[coin];
        });
    }

    [Property(MaxTest = 60)]
    public bool Matched_cost_equals_the_cost_taken_out_of_the_pools(int[] ops, CostBasisMethod method, PoolScope scope, bool feesAreDisposals)
    {
        var g = Decode(ops);
        var r = Run(g.Ledger, method, scope, feesAreDisposals);
        var matched = r.Disposals.SelectMany(d => d.Lots).Sum(l => l.Cost);
        var left = r.Holdings.Sum(h => h.Cost) + r.External.Sum(h => h.Cost) + r.FeeRemovals.Sum(f => f.Cost);
        return Close(matched + left, g.AcquiredCost) && r.Disposals.SelectMany(d => d.Lots).Where(l => l.Rule == MatchRule.Shortfall).All(l => l.Cost == 0m);
    }

    [Property(MaxTest = 60)]
    public bool Gain_is_proceeds_less_fees_less_cost_per_disposal_and_per_lot(int[] ops, CostBasisMethod method, PoolScope scope)
    {
        var r = Run(Decode(ops).Ledger, method, scope);
        return r.Disposals.All(d =>
            d.Gain == d.Proceeds - d.Fees - d.Cost
            && d.Lots.All(l => l.Gain == l.Proceeds - l.Fees - l.Cost && l.Quantity > 0m)
            && d.Lots.Sum(l => l.Quantity) == d.Quantity
            && Close(d.Lots.Sum(l => l.Cost), d.Cost)
            && d.Lots.Sum(l => l.Proceeds) == d.Proceeds
            && d.Lots.Sum(l => l.Fees) == d.Fees);
    }

    [Property(MaxTest = 60)]
    public bool No_lot_is_matched_beyond_its_quantity(int[] ops, CostBasisMethod method, PoolScope scope)
    {
        var g = Decode(ops);
        var r = Run(g.Ledger, method, scope);
        var matchedByLot = r.Disposals.SelectMany(d => d.Lots).GroupBy(l => l.LotId).ToDictionary(x => x.Key, x => x.Sum(l => l.Quantity));
        return matchedByLot.All(kv => kv.Key switch
        {
            var k when k.StartsWith("bitstamp:", StringComparison.Ordinal) => kv.Value <= g.LotQuantity[k],
            _ => true,   // pools, UK days and shortfalls are checked by conservation
        });
    }

    [Property(MaxTest = 40)]
    public bool Results_do_not_depend_on_input_order(int[] ops, int seed, CostBasisMethod method, PoolScope scope)
    {
        var ledger = Decode(ops).Ledger;
        var shuffled = ledger.OrderBy(_ => 0).ToArray();
        new Random(seed).Shuffle(shuffled);
        return Canonical(Run(ledger, method, scope)) == Canonical(Run(shuffled, method, scope));
    }

    /// <summary>
    /// A ledger whose positions all end closed in fiat: buys and sells for GBP (with GBP fees), swaps with a crypto fee,
    /// transfers between the accounts, coins withdrawn and deposited back the same day; nothing is sold or moved that
    /// its account does not hold, and at the end every account sells what it has left. Returns the ledger and the
    /// fiat received less the fiat paid, fees included.
    /// </summary>
    private static (IReadOnlyList<LedgerEntry> Ledger, decimal FiatNet) DecodeClosed(int[] ops)
    {
        var b = new LedgerBuilder();
        var held = Accounts.SelectMany(a => Coins.Select(c => (a, c))).ToDictionary(k => k, _ => 0m);
        decimal net = 0m;
        var day = 0;
        string On(int d) => NodaTime.Text.LocalDatePattern.Iso.Format(LedgerBuilder.Date("2024-01-01").PlusDays(d));
        decimal Price(Asset coin, int d) => (coin == Asset.Btc ? 100m : 10m) + d;
        foreach (var raw in ops)
        {
            var x = (raw * 2654435761L) & 0x7fffffff;
            day += (int)(x / 4096 % 3);
            var account = Accounts[x / 16 % 2];
            var coin = Coins[x / 32 % 2];
            var other = Coins[1 - x / 32 % 2];
            var q = (1 + x / 64 % 50) / 10m;
            var have = held[(account, coin)];
            switch (x % 6)
            {
                case 0 or 1:
                    b.Buy($"{q} {coin}", on: On(day), cost: $"{q * Price(coin, day)} GBP", fee: "1 GBP", account: account);
                    held[(account, coin)] += q; net -= q * Price(coin, day) + 1m;
                    break;
                case 2 when have > 0m:
                    q = Math.Min(q, have);
                    b.Sell($"{q} {coin}", on: On(day), proceeds: $"{q * Price(coin, day)} GBP", fee: "0.5 GBP", account: account);
                    held[(account, coin)] -= q; net += q * Price(coin, day) - 0.5m;
                    break;
                case 3 when have > 0.02m:
                    q = Math.Min(q, have - 0.01m);
                    b.Swap(give: $"{q} {coin}", get: $"{q * 2} {other}", on: On(day), fee: $"0.01 {coin}", account: account);
                    held[(account, coin)] -= q + 0.01m; held[(account, other)] += q * 2;
                    break;
                case 4 when have > 0m:
                    q = Math.Min(q, have);
                    b.Transfer($"{q} {coin}", from: account, to: Accounts[1 - x / 16 % 2], on: On(day));
                    held[(account, coin)] -= q; held[(Accounts[1 - x / 16 % 2], coin)] += q;
                    break;
                case 5 when have > 0m:
                    // Out and back early on the next day: before it, every earlier event (at 12:00) has happened; after it,
                    // every later one. (Out at 10:00 on the same day came before a 12:00 swap that bought the coins.)
                    q = Math.Min(q, have);
                    day++;
                    b.Withdraw($"{q} {coin}", on: On(day), at: "00:10", account: account);
                    b.Deposit($"{q} {coin}", on: On(day), at: "00:20", account: account);
                    break;
            }
        }
        day++;
        foreach (var ((account, coin), q) in held.Where(h => h.Value > 0m).OrderBy(h => h.Key.a).ThenBy(h => h.Key.c))
        {
            b.Sell($"{q} {coin}", on: On(day), proceeds: $"{q * Price(coin, day)} GBP", account: account);
            net += q * Price(coin, day);
        }
        return (b.Build(), net);
    }

    [Property(MaxTest = 80)]
    public bool When_every_position_ends_closed_in_fiat_total_gains_are_fiat_received_less_fiat_paid(int[] ops, CostBasisMethod method, PoolScope scope)
    {
        var (ledger, net) = DecodeClosed(ops);
        var options = CostBasisOptions.For(method, Jurisdiction.Uk) with
        {
            Scope = scope,
            PerAccountFrom = LedgerBuilder.Date("2024-01-20"),
            AccountOrder = Accounts,
        };
        var r = CostBasisEngine.Run(ledger, Book, options);
        return Close(r.Disposals.Sum(d => d.Gain), net) && r.Holdings.Sum(h => h.Quantity) == 0m && r.External.Count == 0
            && r.Disposals.SelectMany(d => d.Lots).All(l => l.Rule != MatchRule.Shortfall);
    }

    private static string Canonical(CostBasisResult r) => string.Join("\n",
        r.Disposals.Select(d => $"{d.Id} {d.Quantity} {d.Proceeds} {d.Fees} {d.Cost} {d.Gain} "
            + string.Join(",", d.Lots.Select(l => $"{l.LotId}:{l.Quantity}:{l.Cost}:{l.Rule}:{l.Term}"))))
        + "\n" + string.Join("\n", r.Holdings) + "\n" + string.Join("\n", r.External) + "\n" + string.Join("\n", r.Warnings.Select(w => w.Message));
}
