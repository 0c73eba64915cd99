using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>One account of a replay folder: its records exactly as received.</summary>
/// <param name="UserTransactions">Raw <c>user_transactions</c> records, in the order to write them (datetime, then id).</param>
/// <param name="Deposits">Raw <c>crypto-transactions</c> deposits (main account), or null for none.</param>
/// <param name="Withdrawals">Raw <c>crypto-transactions</c> withdrawals (main account), or null for none.</param>
public sealed record ReplayAccount(string Name, bool IsMain, IReadOnlyList<string> UserTransactions,
    IReadOnlyList<string>? Deposits = null, IReadOnlyList<string>? Withdrawals = null);

/// <summary>One daily candle of a replay folder's <c>ohlc/</c> (volume unknown: 0).</summary>
public sealed record ReplayCandle(DateOnly Day, decimal Open, decimal High, decimal Low, decimal Close);

/// <summary>
/// Writes a data folder (docs/fake-server.md) from records as received, byte for byte per record, for
/// <c>portfoliosync export-data</c>: a user's own history served by the local server for support. <c>server.json</c>
/// gets fresh random test credentials (never the user's) with every read permission.
/// </summary>
public static class ReplayFolderWriter
{
    /// <summary>Writes <paramref name="dir"/> (created if needed; its files are replaced).</summary>
    /// <param name="ohlc">Candles per market: base and quote codes (lower case) and the days.</param>
    public static void Write(string dir, IReadOnlyList<ReplayAccount> accounts,
        IReadOnlyList<(string Base, string Quote, IReadOnlyList<ReplayCandle> Candles)> ohlc)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(ohlc);
        Directory.CreateDirectory(dir);
        var servers = accounts.Select(a => new AccountData(a.Name, Token(32), Token(32), ApiPermissionNames.All, TransactionHistory.Empty)
        {
            IsMainFlag = a.IsMain,
        }).ToList();
        File.WriteAllBytes(Path.Combine(dir, DataFolderReader.ServerFile), DataFolderWriter.ServerFile(new ServerData(servers, [])));
        foreach (var account in accounts)
        {
            var folder = Path.Combine(dir, account.Name);
            Directory.CreateDirectory(folder);
            using (var file = DataFolderWriter.Create(Path.Combine(folder, DataFolderReader.TransactionsFile)))
                DataFolderWriter.WriteArray(file, account.UserTransactions.Select(r => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(r)));
            if (account.Deposits is null && account.Withdrawals is null) continue;
            using var crypto = DataFolderWriter.Create(Path.Combine(folder, DataFolderReader.CryptoFile));
            var lists = new[] { account.Deposits ?? [], account.Withdrawals ?? [], [] };
            crypto.WriteByte((byte)'{');
            for (var i = 0; i < CryptoTransactionSet.ListNames.Length; i++)
            {
                if (i > 0) crypto.WriteByte((byte)',');
                crypto.Write(Encoding.UTF8.GetBytes($"\"{CryptoTransactionSet.ListNames[i]}\":"));
                DataFolderWriter.WriteArray(crypto, lists[i].Select(r => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(r)), finalNewLine: false);
            }
            crypto.Write("}\n"u8);
        }
        if (ohlc.Count == 0) return;
        var ohlcDir = Path.Combine(dir, DataFolderReader.OhlcFolder);
        Directory.CreateDirectory(ohlcDir);
        foreach (var (b, q, candles) in ohlc)
        {
            var series = new OhlcSeries(new MarketPair(b, q), candles.OrderBy(c => c.Day).Select(c => new OhlcCandle(
                new DateTimeOffset(c.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds(), c.Open, c.High, c.Low, c.Close, 0m)));
            File.WriteAllText(Path.Combine(ohlcDir, series.Market.Symbol + ".json"), DataFolderWriter.OhlcFile(series), new UTF8Encoding(false));
        }
    }

    // Fresh test credentials: random, never derived from the user's.
    private static string Token(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
