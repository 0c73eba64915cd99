using System.Text.RegularExpressions;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// Everything the fake server serves: accounts (keys, permissions, records) and daily OHLC per market. Immutable;
/// markets and balances are derived from it. On disk it is a data folder (see <c>sample-data/README.md</c>).
/// </summary>
public sealed partial class ServerData
{
    private readonly Dictionary<string, AccountData> byKey;

    /// <exception cref="ArgumentException">Duplicate account names, keys or OHLC markets; an invalid account name; more than one main account.</exception>
    public ServerData(IEnumerable<AccountData> accounts, IEnumerable<OhlcSeries> ohlc)
    {
        Accounts = accounts.ToArray();
        Ohlc = ohlc.OrderBy(s => s.Market.Symbol, StringComparer.Ordinal).ToArray();
        byKey = new Dictionary<string, AccountData>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in Accounts)
        {
            if (!IsValidAccountName(account.Name))
                throw new ArgumentException($"Account name '{account.Name}' is not a lower-case folder name ([a-z0-9][a-z0-9._-]*).", nameof(accounts));
            if (!names.Add(account.Name)) throw new ArgumentException($"Two accounts are named '{account.Name}'.", nameof(accounts));
            if (!byKey.TryAdd(account.Key, account))
                throw new ArgumentException($"Accounts '{byKey[account.Key].Name}' and '{account.Name}' have the same key.", nameof(accounts));
        }

        if (Accounts.Count(a => a.IsMain) > 1)
            throw new ArgumentException("More than one account is the main account.", nameof(accounts));
        var duplicate = Ohlc.GroupBy(s => s.Market.Symbol, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two OHLC series for {duplicate.Key}.", nameof(ohlc));
    }

    /// <summary>In the order of <c>server.json</c>.</summary>
    public IReadOnlyList<AccountData> Accounts { get; }

    /// <summary>Ordered by market symbol.</summary>
    public IReadOnlyList<OhlcSeries> Ohlc { get; }

    /// <summary>Total number of user transactions over all accounts.</summary>
    public long RecordCount => Accounts.Sum(a => (long)a.Transactions.Count);

    /// <exception cref="KeyNotFoundException">No account has that name.</exception>
    public AccountData Account(string name) =>
        Accounts.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"No account named '{name}'.");

    public AccountData? FindByKey(string key) => byKey.GetValueOrDefault(key);

    public OhlcSeries? FindOhlc(string marketSymbol) => Ohlc.FirstOrDefault(s => s.Market.Symbol == marketSymbol);

    /// <summary>A copy with <paramref name="account"/> in place of the account of the same name (or added at the end).</summary>
    public ServerData WithAccount(AccountData account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var replaced = false;
        var list = Accounts.Select(a =>
        {
            if (a.Name != account.Name) return a;
            replaced = true;
            return account;
        }).ToList();
        if (!replaced) list.Add(account);
        return new ServerData(list, Ohlc);
    }

    /// <summary>Reads and validates a data folder.</summary>
    /// <exception cref="DataFolderException">Bad data; the message names the file, record index and field.</exception>
    public static ServerData Load(string dir) => DataFolderReader.Read(dir);

    /// <summary>
    /// Writes the data folder: same data, byte-identical files (<c>\n</c> line endings, invariant culture, records in
    /// id order, each record's JSON text exactly as stored). Creates <paramref name="dir"/> when needed and overwrites
    /// the files it writes; other files are left alone.
    /// </summary>
    public void WriteTo(string dir) => DataFolderWriter.Write(this, dir);

    internal static bool IsValidAccountName(string name) => AccountNamePattern().IsMatch(name) && name != "ohlc";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountNamePattern();
}
