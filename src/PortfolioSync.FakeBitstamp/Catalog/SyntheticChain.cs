using System.Security.Cryptography;
using System.Text;

namespace PortfolioSync.FakeBitstamp.Catalog;

/// <summary>
/// Deterministic, made-up blockchain details (transaction hashes, addresses) derived from a record id, so that
/// <c>crypto-transactions/</c> and <c>withdrawal-requests/</c> agree without storing them. Not real addresses.
/// </summary>
internal static class SyntheticChain
{
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Bech32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static string TransactionHash(string currency, long recordId)
    {
        var hex = Hex("tx:" + recordId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return currency == "eth" ? "0x" + hex : hex;
    }

    public static string Address(string currency, string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("addr:" + currency + ":" + seed));
        return currency switch
        {
            "btc" => "bc1q" + Encode(hash, Bech32, 38),
            "eth" or "usdc" or "usdt" or "flr" => "0x" + Convert.ToHexStringLower(hash)[..40],
            "xrp" => "r" + Encode(hash, Base58, 33),
            _ => Encode(hash, Base58, 44),
        };
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Encode(byte[] hash, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[(hash[i % hash.Length] + (i * 7)) % alphabet.Length];
        return new string(chars);
    }
}
