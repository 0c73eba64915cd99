using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>Writes a data folder with deterministic bytes: one record or candle per line, <c>\n</c>, invariant culture.</summary>
internal static class DataFolderWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static void Write(ServerData data, string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, DataFolderReader.ServerFile), ServerFile(data));
        foreach (var account in data.Accounts)
        {
            var folder = Path.Combine(dir, account.Name);
            Directory.CreateDirectory(folder);
            using (var file = Create(Path.Combine(folder, DataFolderReader.TransactionsFile)))
                WriteArray(file, account.Transactions.Select(t => t.Json));
            if (account.CryptoTransactions is { } crypto)
            {
                using var file = Create(Path.Combine(folder, DataFolderReader.CryptoFile));
                WriteCrypto(file, crypto);
            }
        }

        if (data.Ohlc.Count == 0) return;
        var ohlcDir = Path.Combine(dir, DataFolderReader.OhlcFolder);
        Directory.CreateDirectory(ohlcDir);
        foreach (var series in data.Ohlc)
            File.WriteAllText(Path.Combine(ohlcDir, series.Market.Symbol + ".json"), OhlcFile(series), new UTF8Encoding(false));
    }

    internal static FileStream Create(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

    internal static byte[] ServerFile(ServerData data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteStartArray("accounts");
            foreach (var a in data.Accounts)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("key", a.Key);
                w.WriteString("secret", a.Secret);
                w.WriteStartArray("permissions");
                foreach (var p in ApiPermissionNames.All.Where(a.Permissions.Contains)) w.WriteStringValue(ApiPermissionNames.NameOf(p));
                w.WriteEndArray();
                w.WriteBoolean("activated", a.Activated);
                w.WriteStartArray("ipAllowList");
                foreach (var ip in a.IpAllowList) w.WriteStringValue(ip.ToString());
                w.WriteEndArray();
                if (a.IsMainFlag is { } main) w.WriteBoolean("main", main);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, .. NewLine];
    }

    /// <summary><c>[</c>, one item per line, <c>]</c>; an empty list is <c>[]</c>.</summary>
    internal static void WriteArray(Stream file, IEnumerable<ReadOnlyMemory<byte>> items, bool finalNewLine = true)
    {
        file.WriteByte((byte)'[');
        var first = true;
        foreach (var item in items)
        {
            file.Write(first ? NewLine : ",\n"u8);
            file.Write(item.Span);
            first = false;
        }

        if (!first) file.Write(NewLine);
        file.WriteByte((byte)']');
        if (finalNewLine) file.Write(NewLine);
    }

    private static void WriteCrypto(Stream file, CryptoTransactionSet crypto)
    {
        file.WriteByte((byte)'{');
        for (var i = 0; i < CryptoTransactionSet.ListNames.Length; i++)
        {
            if (i > 0) file.WriteByte((byte)',');
            file.Write(Encoding.UTF8.GetBytes($"\"{CryptoTransactionSet.ListNames[i]}\":"));
            WriteArray(file, crypto.List(i).Select(t => t.Json), finalNewLine: false);
        }

        file.Write("}\n"u8);
    }

    internal static string OhlcFile(OhlcSeries series)
    {
        var sb = new StringBuilder();
        sb.Append("{\"data\":{\"pair\":\"").Append(series.Market.DisplayName).Append("\",\"ohlc\":[");
        var first = true;
        foreach (var c in series.Candles)
        {
            sb.Append(first ? "\n" : ",\n");
            first = false;
            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"timestamp\":\"{c.Timestamp}\",\"open\":\"{c.Open}\",\"high\":\"{c.High}\",\"low\":\"{c.Low}\",\"close\":\"{c.Close}\",\"volume\":\"{c.Volume}\"}}");
        }

        if (!first) sb.Append('\n');
        sb.Append("]}}\n");
        return sb.ToString();
    }
}
