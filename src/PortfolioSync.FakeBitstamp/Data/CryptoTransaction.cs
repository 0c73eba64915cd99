using System.Text;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>One item of the <c>crypto-transactions/</c> lists: its exact JSON text plus its unix datetime.</summary>
public sealed class CryptoTransaction
{
    internal CryptoTransaction(long unixSeconds, ReadOnlyMemory<byte> json)
    {
        UnixSeconds = unixSeconds;
        Json = json;
    }

    /// <summary>The item's <c>datetime</c> (Bitstamp sends unix seconds as a JSON number here).</summary>
    public long UnixSeconds { get; }

    public ReadOnlyMemory<byte> Json { get; }

    public string JsonText => Encoding.UTF8.GetString(Json.Span);

    public override string ToString() => JsonText;
}
