using PortfolioSync.FakeBitstamp.Catalog;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// Runs the accounts day by day. Each day gets its share of the records as time slots, spread over the accounts by
/// weight; slots run in time order, so every decision sees the balances of that moment (balances never go negative)
/// and ids grow with time across accounts. A slot makes one record, or two for a sub-account transfer, which then
/// uses up the day's last free slot, so the total is exact. What an account cannot afford falls back to funding it.
/// </summary>
internal sealed class Simulation
{
    private const int DaysWithoutFraction = 45;
    private static readonly string[] FiatCurrencies = ["usd", "eur", "gbp"];
    private static readonly string[] CryptoCurrencies = ["btc", "eth", "sol", "xrp"];
    private static readonly string[] MainMarkets = ["btcusd", "btceur", "btcgbp", "ethusd", "etheur", "solusd", "xrpusd", "ethbtc"];
    private static readonly decimal[] DcaSpends = [100m, 50m, 75m, 25m, 40m, 60m];

    private static readonly (MainActivity Activity, int Weight)[] MainWeights =
    [
        (MainActivity.FiatDeposit, 14), (MainActivity.CryptoDeposit, 7), (MainActivity.CryptoWithdrawal, 5),
        (MainActivity.FiatWithdrawal, 2), (MainActivity.TransferToBot, 14), (MainActivity.TransferFromBot, 4),
        (MainActivity.Stake, 3), (MainActivity.StakingReward, 10), (MainActivity.Unstake, 2), (MainActivity.Referral, 3),
        (MainActivity.Trade, 16),
    ];

    private readonly GeneratorOptions options;
    private readonly Random rng;
    private readonly Bookkeeper books;
    private readonly SimAccount[] accounts;
    private readonly SimAccount main;
    private readonly DateTime start;
    private bool fraction;

    public Simulation(GeneratorOptions options)
    {
        options.Validate();
        this.options = options;
        rng = new Random(options.Seed);
        books = new Bookkeeper(new PriceModel(options.Seed, options.Start, options.Days), new RecordComposer(rng, options.Realistic), rng)
        {
            Realistic = options.Realistic,
        };
        accounts = CreateAccounts(options.Accounts);
        main = accounts[0];
        start = options.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    public ServerData Run(IReadOnlyList<ScriptedEvent> scripted)
    {
        var totalWeight = accounts.Sum(a => a.Weight);
        var planned = new int[accounts.Length];
        var slots = new List<Slot>();
        for (var day = 0; day < options.Days; day++)
        {
            books.Day = day;
            fraction = day >= DaysWithoutFraction;
            var dayStart = start.AddDays(day);
            var quota = (int)(((long)options.Records * (day + 1) / options.Days) - ((long)options.Records * day / options.Days));
            slots.Clear();
            for (var i = 0; i < quota; i++) slots.Add(PlanSlot(dayStart, PickAccount(totalWeight), planned, i));
            slots.Sort();

            var events = scripted.Where(e => e.At.Date == dayStart).OrderBy(e => e.At).ToList();
            var next = 0;
            var end = slots.Count;
            for (var i = 0; i < end; i++)
            {
                while (next < events.Count && events[next].At <= slots[i].At) RunScripted(events[next++]);
                if (Act(slots[i], canPair: i < end - 1) == 2) end--;
            }

            while (next < events.Count) RunScripted(events[next++]);
        }

        return Assemble();
    }

    private static SimAccount[] CreateAccounts(int count)
    {
        var list = new List<SimAccount> { new("main", AccountRole.Main, MainMarkets, 5, 0.004m) };
        for (var i = 1; i < count; i++)
        {
            list.Add(i switch
            {
                1 => new SimAccount("dca-bot", AccountRole.Dca, ["btcusd", "ethusd", "btceur", "solusd"], 4, 0.003m),
                2 => new SimAccount("grid-bot", AccountRole.Grid, ["btcusd", "ethbtc"], 8, 0.0015m),
                _ when i % 2 == 1 => new SimAccount($"bot-{i + 1}", AccountRole.Grid, ["ethusd", "xrpusd"], 8, 0.0015m),
                _ => new SimAccount($"bot-{i + 1}", AccountRole.Dca, ["btcgbp", "etheur", "xrpusd"], 4, 0.003m),
            });
        }

        return list.ToArray();
    }

    private int PickAccount(int totalWeight)
    {
        var roll = rng.Next(totalWeight);
        for (var i = 0; i < accounts.Length; i++)
        {
            roll -= accounts[i].Weight;
            if (roll < 0) return i;
        }

        return 0;
    }

    private Slot PlanSlot(DateTime dayStart, int account, int[] planned, int sequence)
    {
        var a = accounts[account];
        var choice = 0;
        DateTime at;
        if (a.Role == AccountRole.Dca)
        {
            // DCA buys come at a fixed hour per market, with a few minutes of jitter.
            choice = planned[account]++ % a.Markets.Length;
            at = dayStart.AddHours(6 + (choice * 16 / a.Markets.Length)).AddSeconds(rng.Next(1800));
        }
        else
        {
            at = dayStart.AddSeconds(rng.Next(86_400));
        }

        if (fraction) at = at.AddTicks(rng.Next(1_000_000) * 10L);
        return new Slot(at, account, choice, sequence);
    }

    private int Act(Slot slot, bool canPair)
    {
        var account = accounts[slot.Account];
        return account.Role switch
        {
            AccountRole.Dca => DcaBuy(account, slot, canPair),
            AccountRole.Grid => GridTrade(account, slot.At, canPair),
            _ => MainAct(slot.At, canPair),
        };
    }

    private int MainAct(DateTime at, bool canPair)
    {
        var roll = rng.Next(MainWeights.Sum(w => w.Weight));
        var activity = MainWeights[0].Activity;
        foreach (var (a, weight) in MainWeights)
        {
            if ((roll -= weight) >= 0) continue;
            activity = a;
            break;
        }

        var produced = activity switch
        {
            MainActivity.CryptoDeposit => CryptoDeposit(Pick(CryptoCurrencies), at),
            MainActivity.CryptoWithdrawal => CryptoWithdrawal(at),
            MainActivity.FiatWithdrawal => FiatWithdrawal(at),
            MainActivity.TransferToBot => FundNeediestBot(at, canPair),
            MainActivity.TransferFromBot => SweepBot(at, canPair),
            MainActivity.Stake => Stake(at),
            MainActivity.StakingReward => StakingReward(at),
            MainActivity.Unstake => Unstake(at),
            MainActivity.Referral => Referral(at),
            MainActivity.Trade => MainTrade(at),
            _ => 0,
        };
        return produced > 0 ? produced : FiatDeposit(Pick(FiatCurrencies), at);
    }

    private int FiatDeposit(string currency, DateTime at)
    {
        books.Deposit(main, currency, (5 + rng.Next(146)) * 100m, at, fraction);
        return 1;
    }

    private int CryptoDeposit(string currency, DateTime at)
    {
        var (min, max) = currency switch
        {
            "btc" => (0.005m, 0.3m),
            "eth" => (0.05m, 4m),
            "sol" => (1m, 60m),
            _ => (50m, 4000m),
        };
        books.Deposit(main, currency, Bookkeeper.RoundAmount(min + ((max - min) * PriceModel.Uniform(rng)), currency), at, fraction);
        return 1;
    }

    private int CryptoWithdrawal(DateTime at)
    {
        var currency = Pick(CryptoCurrencies);
        var fee = KnownCurrencies.Get(currency).WithdrawalFee;
        var spare = main.Balance(currency) - fee;
        if (spare <= fee * 20) return 0;
        return books.TryWithdraw(main, currency, spare * Between(0.2m, 0.6m), at, fraction) ? 1 : 0;
    }

    private int FiatWithdrawal(DateTime at)
    {
        var currency = Pick(FiatCurrencies);
        var fee = KnownCurrencies.Get(currency).WithdrawalFee;
        var balance = main.Balance(currency);
        if (balance < 1500m) return 0;
        return books.TryWithdraw(main, currency, (balance - fee) * Between(0.1m, 0.4m), at, fraction) ? 1 : 0;
    }

    private int FundNeediestBot(DateTime at, bool canPair)
    {
        var bot = accounts.Skip(1).OrderBy(NeedRatio).FirstOrDefault();
        return bot is null ? 0 : Fund(bot, Neediest(bot), at, canPair);
    }

    /// <summary>Main sends a bot some of <paramref name="currency"/> (two records); 0 when main has too little.</summary>
    private int Fund(SimAccount bot, string currency, DateTime at, bool canPair)
    {
        var have = main.Balance(currency);
        var target = Target(currency);
        if (!canPair || have < target * 0.2m) return 0;
        var amount = Math.Min(have * Between(0.3m, 0.7m), target * Between(1.5m, 4m));
        return books.TryTransfer(main, bot, currency, amount, at, fraction) ? 2 : 0;
    }

    /// <summary>A bot sends main what it holds beyond its working amount (two records).</summary>
    private int SweepBot(DateTime at, bool canPair)
    {
        if (!canPair || accounts.Length < 2) return 0;
        var first = 1 + rng.Next(accounts.Length - 1);
        for (var i = 0; i < accounts.Length - 1; i++)
        {
            var bot = accounts[1 + ((first - 1 + i) % (accounts.Length - 1))];
            foreach (var currency in FiatCurrencies.Concat(CryptoCurrencies))
            {
                var extra = bot.Balance(currency) - (bot.Role == AccountRole.Grid ? 3 : 1) * Target(currency);
                if (extra > 0 && books.TryTransfer(bot, main, currency, extra * Between(0.5m, 1m), at, fraction)) return 2;
            }
        }

        return 0;
    }

    private int Stake(DateTime at)
    {
        var currency = rng.Next(2) == 0 ? "eth" : "sol";
        var balance = main.Balance(currency);
        if (balance < (currency == "eth" ? 0.5m : 10m)) return 0;
        return books.TryStaking(main, "26", currency, balance * Between(0.2m, 0.6m), at, fraction) ? 1 : 0;
    }

    private int StakingReward(DateTime at)
    {
        var currency = rng.Next(2) == 0 ? "eth" : "sol";
        if (main.StakedOf(currency) <= 0) currency = currency == "eth" ? "sol" : "eth";
        var yearly = currency == "eth" ? 0.035m : 0.065m;
        var reward = main.StakedOf(currency) * yearly * (5 + rng.Next(5)) / 365m;
        return books.TryStaking(main, "27", currency, reward, at, fraction) ? 1 : 0;
    }

    private int Unstake(DateTime at)
    {
        var currency = rng.Next(2) == 0 ? "eth" : "sol";
        return books.TryStaking(main, "25", currency, main.StakedOf(currency) * Between(0.3m, 1m), at, fraction) ? 1 : 0;
    }

    private int Referral(DateTime at)
    {
        var amount = Math.Round(0.00002m + (0.0004m * PriceModel.Uniform(rng)), 8);
        books.Credit(main, "32", "btc", RecordComposer.Fixed(amount, 8), RecordComposer.Fixed(0m, 8), at, fraction);
        return 1;
    }

    private int MainTrade(DateTime at)
    {
        var symbol = Pick(MainMarkets);
        var pair = books.Prices.Info(symbol).Pair;
        var price = books.Price(symbol);
        var held = main.Balance(pair.Base);
        if (rng.Next(100) < 65 || held * price < (pair.Quote == "btc" ? 0.002m : 50m))
        {
            var spend = pair.Quote == "btc" ? Between(0.005m, 0.05m) : Between(200m, 3000m);
            spend = Math.Min(spend, main.Balance(pair.Quote) * 0.95m);
            return books.TryTrade(main, symbol, buy: true, spend / price, price, at, fraction) ? 1 : 0;
        }

        return books.TryTrade(main, symbol, buy: false, held * Between(0.1m, 0.5m), price, at, fraction) ? 1 : 0;
    }

    private int DcaBuy(SimAccount bot, Slot slot, bool canPair)
    {
        var symbol = bot.Markets[slot.Choice];
        if (books.TryBuyFor(bot, symbol, DcaSpends[slot.Choice % DcaSpends.Length], slot.At, fraction)) return 1;
        return FundOrDeposit(bot, books.Prices.Info(symbol).Pair.Quote, slot.At, canPair);
    }

    private int GridTrade(SimAccount bot, DateTime at, bool canPair)
    {
        var symbol = bot.Markets.Length == 1 || rng.Next(10) < 7 ? bot.Markets[0] : bot.Markets[1];
        if (!bot.OpenLots.TryGetValue(symbol, out var lots)) bot.OpenLots.Add(symbol, lots = new Queue<decimal>());
        var price = books.Price(symbol);
        var preferSell = lots.Count > 0 && (lots.Count >= 12 || rng.Next(2) == 0);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var sell = preferSell == (attempt == 0);
            if (sell && lots.Count > 0 && books.TryTrade(bot, symbol, buy: false, lots.Peek(), price, at, fraction))
            {
                lots.Dequeue();
                return 1;
            }

            if (!sell)
            {
                var size = GridSize(symbol);
                if (books.TryTrade(bot, symbol, buy: true, size, price, at, fraction))
                {
                    lots.Enqueue(size);
                    return 1;
                }
            }
        }

        // Sold-out lots that were swept away are forgotten; then ask main for what is missing.
        if (lots.Count > 0 && bot.Balance(books.Prices.Info(symbol).Pair.Base) < lots.Peek()) lots.Clear();
        return FundOrDeposit(bot, Neediest(bot), at, canPair);
    }

    private int FundOrDeposit(SimAccount bot, string currency, DateTime at, bool canPair)
    {
        var funded = Fund(bot, currency, at, canPair);
        if (funded > 0) return funded;
        return FiatCurrencies.Contains(currency) ? FiatDeposit(currency, at) : CryptoDeposit(currency, at);
    }

    private void RunScripted(ScriptedEvent e)
    {
        var at = e.At;
        switch (e.Kind)
        {
            case EdgeCase.UnknownType:
                books.Credit(main, "99", "usd", "1.50", "0.00", at, fraction: true);
                break;
            case EdgeCase.EighteenDecimals:
                books.Deposit(main, "eth", "1.123456789012345678", at, fraction: true, onChain: true);
                break;
            case EdgeCase.UnusualCurrency:
                books.Deposit(main, "flr", "152.34567890", at, fraction: true, onChain: false);
                break;
            case EdgeCase.SameSecondTrades:
                var price = books.Price("btcusd");
                var order = books.NewOrderId();
                if (!books.TryTrade(main, "btcusd", buy: true, 0.0005m, price, at, true, order)
                    || !books.TryTrade(main, "btcusd", buy: true, 0.0007m, price, at, true, order))
                {
                    throw new InvalidOperationException("Generator bug: the same-second trades of the sample could not be placed.");
                }

                break;
        }
    }

    private ServerData Assemble()
    {
        var credentials = new Random(unchecked(options.Seed ^ 0x5EED));
        var mainPermissions = ApiPermissionNames.All;
        var botPermissions = mainPermissions.Where(p => p != ApiPermission.CryptoTransactions).ToArray();
        var data = accounts.Select(a => new AccountData(
            a.Name, Token(credentials, 32), Token(credentials, 32),
            a.Role == AccountRole.Main ? mainPermissions : botPermissions, new TransactionHistory(a.Records))
        {
            CryptoTransactions = a.Role == AccountRole.Main ? books.CryptoTransactions() : null,
        });
        var series = books.Prices.Series.ToList();
        if (options.Realistic && series.FirstOrDefault(x => x.Market.Symbol == "ethusd") is { } eth)
        {
            // ETH2 and ETH2R were priced as ETH (one for one); their markets make them valuable in reports.
            series.Add(new OhlcSeries(new MarketPair("eth2", "usd"), eth.Candles));
            series.Add(new OhlcSeries(new MarketPair("eth2r", "usd"), eth.Candles));
        }
        return new ServerData(data.ToList(), series);
    }

    private static string Token(Random random, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }

    private static IEnumerable<string> Needs(SimAccount bot) =>
        bot.Markets.SelectMany(m => bot.Role == AccountRole.Dca ? new[] { m[3..] } : new[] { m[3..], m[..3] }).Distinct();

    private static string Neediest(SimAccount bot) => Needs(bot).OrderBy(c => bot.Balance(c) / Target(c)).First();

    private static decimal NeedRatio(SimAccount bot) => Needs(bot).Min(c => bot.Balance(c) / Target(c));

    /// <summary>A bot's working amount of a currency.</summary>
    private static decimal Target(string currency) => currency switch
    {
        "usd" => 4000m,
        "eur" => 3000m,
        "gbp" => 2500m,
        "btc" => 0.08m,
        "eth" => 1.5m,
        "sol" => 40m,
        "xrp" => 3000m,
        _ => 100m,
    };

    private static decimal GridSize(string symbol) => symbol switch
    {
        "btcusd" => 0.002m,
        "ethbtc" => 0.04m,
        "ethusd" => 0.03m,
        "xrpusd" => 150m,
        _ => 0.01m,
    };

    private decimal Between(decimal min, decimal max) => min + ((max - min) * PriceModel.Uniform(rng));

    private string Pick(string[] items) => items[rng.Next(items.Length)];
}
