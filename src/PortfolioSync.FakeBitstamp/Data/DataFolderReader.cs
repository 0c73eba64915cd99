using System.Net;
using System.Text.Json;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>Reads a data folder (layout in <c>sample-data/README.md</c>) and validates every file, record and field.</summary>
internal static class DataFolderReader
{
    public const string ServerFile = "server.json";
    public const string TransactionsFile = "user_transactions.json";
    public const string CryptoFile = "crypto_transactions.json";
    public const string OhlcFolder = "ohlc";

    private static readonly HashSet<string> AccountMembers = ["name", "key", "secret", "permissions", "activated", "ipAllowList", "main"];

    public static ServerData Read(string dir)
    {
        if (!Directory.Exists(dir)) throw new DataFolderException(dir, null, null, "data folder not found");
        var serverPath = Path.Combine(dir, ServerFile);
        var accounts = ReadServerFile(serverPath);

        var known = accounts.Select(a => a.Name).Append(OhlcFolder).ToHashSet(StringComparer.Ordinal);
        foreach (var sub in Directory.EnumerateDirectories(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (sub is null || sub.StartsWith('.') || known.Contains(sub)) continue;
            throw new DataFolderException(Path.Combine(dir, sub), null, null,
                $"folder is not an account in {ServerFile} (accounts: {string.Join(", ", accounts.Select(a => a.Name))})");
        }

        var loaded = accounts.Select(a => a with
        {
            Transactions = ReadTransactions(Path.Combine(dir, a.Name, TransactionsFile)),
            CryptoTransactions = ReadCryptoTransactions(Path.Combine(dir, a.Name, CryptoFile)),
        }).ToList();
        foreach (var account in loaded) CheckAccountFolder(Path.Combine(dir, account.Name));

        var ohlc = ReadOhlcFolder(Path.Combine(dir, OhlcFolder));
        return new ServerData(loaded, ohlc);
    }

    private static void CheckAccountFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name is TransactionsFile or CryptoFile || name.StartsWith('.')) continue;
            throw new DataFolderException(file, null, null, $"unexpected entry in an account folder (expected {TransactionsFile} and optionally {CryptoFile})");
        }
    }

    private static List<AccountData> ReadServerFile(string path)
    {
        using var doc = ParseDocument(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new DataFolderException(path, null, null, "must be a JSON object {\"accounts\":[…]}");
        foreach (var member in root.EnumerateObject())
            if (member.Name != "accounts") throw new DataFolderException(path, null, member.Name, "unexpected field (only \"accounts\")");
        if (!root.TryGetProperty("accounts", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new DataFolderException(path, null, "accounts", "is missing or not an array");

        var accounts = new List<AccountData>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var account = ReadAccount(path, index, item);
            if (accounts.FirstOrDefault(a => a.Name == account.Name) is not null)
                throw new DataFolderException(path, index, "name", $"'{account.Name}' is used by two accounts");
            if (accounts.FirstOrDefault(a => a.Key == account.Key) is { } other)
                throw new DataFolderException(path, index, "key", $"the same key as account '{other.Name}'");
            accounts.Add(account);
            index++;
        }

        if (accounts.Count(a => a.IsMain) > 1)
            throw new DataFolderException(path, null, "main", "more than one account is the main account");
        return accounts;
    }

    private static AccountData ReadAccount(string path, int index, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new DataFolderException(path, index, null, "an account must be a JSON object");
        foreach (var member in item.EnumerateObject())
        {
            if (!AccountMembers.Contains(member.Name))
                throw new DataFolderException(path, index, member.Name, $"unexpected field (known: {string.Join(", ", AccountMembers)})");
        }

        var name = RequiredString(path, index, item, "name");
        if (!ServerData.IsValidAccountName(name))
            throw new DataFolderException(path, index, "name", $"'{name}' is not a lower-case folder name ([a-z0-9][a-z0-9._-]*, not 'ohlc')");
        var key = RequiredString(path, index, item, "key");
        if (key.Any(char.IsWhiteSpace)) throw new DataFolderException(path, index, "key", "must not contain white space");
        var secret = RequiredString(path, index, item, "secret");

        var permissions = new List<ApiPermission>();
        if (!item.TryGetProperty("permissions", out var perms) || perms.ValueKind != JsonValueKind.Array)
            throw new DataFolderException(path, index, "permissions", "is missing or not an array");
        foreach (var p in perms.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.String || !ApiPermissionNames.TryParse(p.GetString()!, out var permission))
                throw new DataFolderException(path, index, "permissions", $"unknown permission {p.GetRawText()} (known: {ApiPermissionNames.Known})");
            permissions.Add(permission);
        }

        var activated = OptionalBool(path, index, item, "activated") ?? true;
        bool? main = OptionalBool(path, index, item, "main");
        var allowList = new List<IPAddress>();
        if (item.TryGetProperty("ipAllowList", out var ips))
        {
            if (ips.ValueKind != JsonValueKind.Array) throw new DataFolderException(path, index, "ipAllowList", "must be an array of IP addresses");
            foreach (var ip in ips.EnumerateArray())
            {
                if (ip.ValueKind != JsonValueKind.String || !IPAddress.TryParse(ip.GetString(), out var address))
                    throw new DataFolderException(path, index, "ipAllowList", $"{ip.GetRawText()} is not an IP address");
                allowList.Add(address);
            }
        }

        return new AccountData(name, key, secret, permissions, TransactionHistory.Empty)
        {
            Activated = activated,
            IpAllowList = allowList,
            IsMainFlag = main,
        };
    }

    private static string RequiredString(string path, int index, JsonElement item, string field)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
            throw new DataFolderException(path, index, field, "is missing or not a non-empty string");
        return value.GetString()!;
    }

    private static bool? OptionalBool(string path, int index, JsonElement item, string field)
    {
        if (!item.TryGetProperty(field, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new DataFolderException(path, index, field, "must be true or false"),
        };
    }

    private static TransactionHistory ReadTransactions(string path)
    {
        var bytes = ReadBytes(path, required: true)!;
        var memory = new ReadOnlyMemory<byte>(bytes);
        var parser = new UserTransactionParser();
        var records = new List<UserTransaction>();
        var reader = new Utf8JsonReader(bytes);
        var index = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new DataFolderException(path, null, null, "must be a JSON array of records");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var json = memory[start..(int)reader.BytesConsumed];
                try
                {
                    records.Add(parser.Parse(json));
                }
                catch (RecordFormatException e)
                {
                    throw e.At(path, index);
                }

                index++;
            }

            if (reader.Read()) throw new DataFolderException(path, null, null, "unexpected content after the array");
        }
        catch (JsonException e)
        {
            throw new DataFolderException(path, index, null, $"invalid JSON at line {e.LineNumber + 1}: {e.Message}");
        }

        return CheckOrder(path, records);
    }

    private static TransactionHistory CheckOrder(string path, List<UserTransaction> records)
    {
        var positions = Enumerable.Range(0, records.Count).ToArray();
        Array.Sort(positions, (a, b) => records[a].Id.CompareTo(records[b].Id));
        for (var i = 1; i < positions.Length; i++)
        {
            var previous = records[positions[i - 1]];
            var current = records[positions[i]];
            if (current.Id == previous.Id)
                throw new DataFolderException(path, positions[i], "id", $"{current.Id} is also the id of record {positions[i - 1]}");
        }

        return new TransactionHistory(records);
    }

    private static CryptoTransactionSet? ReadCryptoTransactions(string path)
    {
        var bytes = ReadBytes(path, required: false);
        if (bytes is null) return null;
        var memory = new ReadOnlyMemory<byte>(bytes);
        var lists = new List<CryptoTransaction>?[3];
        var reader = new Utf8JsonReader(bytes);
        string? list = null;
        var index = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new DataFolderException(path, null, null, "must be a JSON object {\"deposits\":[…],\"withdrawals\":[…],\"ripple_iou_transactions\":[…]}");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                list = reader.GetString()!;
                var slot = Array.IndexOf(CryptoTransactionSet.ListNames, list);
                if (slot < 0) throw new DataFolderException(path, null, list, "unexpected field (deposits, withdrawals, ripple_iou_transactions)");
                if (lists[slot] is not null) throw new DataFolderException(path, null, list, "appears twice");
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    throw new DataFolderException(path, null, list, "must be an array");
                var items = lists[slot] = [];
                index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    items.Add(ReadCryptoItem(path, list, index, memory[start..(int)reader.BytesConsumed]));
                    index++;
                }
            }
        }
        catch (JsonException e)
        {
            throw new DataFolderException(path, list is null ? null : index, list, $"invalid JSON at line {e.LineNumber + 1}: {e.Message}");
        }

        for (var i = 0; i < 2; i++)
        {
            if (lists[i] is null) throw new DataFolderException(path, null, CryptoTransactionSet.ListNames[i], "is missing");
        }

        return new CryptoTransactionSet(lists[0]!, lists[1]!, lists[2] ?? []);
    }

    private static CryptoTransaction ReadCryptoItem(string path, string list, int index, ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        var item = doc.RootElement;
        var where = $"{list}[{index}]";
        if (item.ValueKind != JsonValueKind.Object) throw new DataFolderException(path, index, null, $"{where} must be a JSON object");
        if (!item.TryGetProperty("datetime", out var dt) || dt.ValueKind != JsonValueKind.Number || !dt.TryGetInt64(out var seconds) || seconds < 0)
            throw new DataFolderException(path, index, "datetime", $"{where}: must be unix seconds as a JSON number");
        if (!item.TryGetProperty("currency", out var currency) || currency.ValueKind != JsonValueKind.String)
            throw new DataFolderException(path, index, "currency", $"{where}: is missing or not a string");
        if (!item.TryGetProperty("amount", out var amount) || amount.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
            throw new DataFolderException(path, index, "amount", $"{where}: is missing or not a number");
        return new CryptoTransaction(seconds, json);
    }

    private static List<OhlcSeries> ReadOhlcFolder(string folder)
    {
        var series = new List<OhlcSeries>();
        if (!Directory.Exists(folder)) return series;
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.')) continue;
            if (!name.EndsWith(".json", StringComparison.Ordinal) || Directory.Exists(entry))
                throw new DataFolderException(entry, null, null, "unexpected entry in ohlc/ (expected <pair>.json files)");
            series.Add(ReadOhlc(entry, name[..^".json".Length]));
        }

        return series;
    }

    private static OhlcSeries ReadOhlc(string path, string symbol)
    {
        using var doc = ParseDocument(path);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("data", out var data)
            || data.ValueKind != JsonValueKind.Object)
        {
            throw new DataFolderException(path, null, "data", "must be {\"data\":{\"pair\":\"BTC/USD\",\"ohlc\":[…]}}");
        }

        if (!data.TryGetProperty("pair", out var pairElement) || pairElement.ValueKind != JsonValueKind.String)
            throw new DataFolderException(path, null, "pair", "is missing or not a string");
        var parts = pairElement.GetString()!.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiLetterOrDigit)))
            throw new DataFolderException(path, null, "pair", $"'{pairElement.GetString()}' is not like \"BTC/USD\"");
        var market = new MarketPair(parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant());
        if (market.Symbol != symbol)
            throw new DataFolderException(path, null, "pair", $"'{pairElement.GetString()}' does not match the file name (expected the market {symbol})");
        if (!data.TryGetProperty("ohlc", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new DataFolderException(path, null, "ohlc", "is missing or not an array");

        var candles = new List<OhlcCandle>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new DataFolderException(path, index, null, "a candle must be a JSON object");
            var timestamp = CandleNumber(path, index, item, "timestamp");
            if (timestamp != decimal.Truncate(timestamp)) throw new DataFolderException(path, index, "timestamp", "must be whole unix seconds");
            candles.Add(new OhlcCandle((long)timestamp, CandleNumber(path, index, item, "open"), CandleNumber(path, index, item, "high"),
                CandleNumber(path, index, item, "low"), CandleNumber(path, index, item, "close"), CandleNumber(path, index, item, "volume")));
            if (OhlcSeries.Problem(candles, index) is { } problem)
                throw new DataFolderException(path, index, "timestamp/open/high/low/close", problem);
            index++;
        }

        return new OhlcSeries(market, candles);
    }

    private static decimal CandleNumber(string path, int index, JsonElement item, string field)
    {
        if (!item.TryGetProperty(field, out var value)) throw new DataFolderException(path, index, field, "is missing");
        var raw = value.GetRawText();
        var bytes = System.Text.Encoding.UTF8.GetBytes(raw);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        try
        {
            return UserTransactionParser.ReadDecimal(ref reader, field);
        }
        catch (RecordFormatException e)
        {
            throw e.At(path, index);
        }
    }

    private static JsonDocument ParseDocument(string path)
    {
        var bytes = ReadBytes(path, required: true)!;
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new DataFolderException(path, null, null, $"invalid JSON at line {e.LineNumber + 1}: {e.Message}");
        }
    }

    private static byte[]? ReadBytes(string path, bool required)
    {
        if (!File.Exists(path))
        {
            if (!required) return null;
            throw new DataFolderException(path, null, null, "file is missing");
        }

        var bytes = File.ReadAllBytes(path);
        // A UTF-8 byte order mark would make every offset wrong by three bytes; refuse it plainly.
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            throw new DataFolderException(path, null, null, "starts with a UTF-8 byte order mark; save it without one");
        return bytes;
    }
}
