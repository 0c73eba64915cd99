using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PortfolioSync.Domain;

/// <summary>
/// An asset code in upper case (<c>BTC</c>, <c>USD</c>). Codes are 1–16 characters of A–Z and 0–9.
/// <c>default</c> has no code and is invalid: every operation on it throws.
/// </summary>
public readonly record struct Asset : IComparable<Asset>
{
    private readonly string? _code;

    private Asset(string code) => _code = code;

    /// <summary>The upper-case code.</summary>
    public string Code => _code ?? throw new InvalidOperationException("default(Asset) has no code.");

    /// <summary>Fiat currencies known out of the box; configurable through <see cref="FiatSet"/>.</summary>
    public static FiatSet DefaultFiat { get; } = new(["USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "PLN"]);

    public static readonly Asset Usd = new("USD");
    public static readonly Asset Eur = new("EUR");
    public static readonly Asset Gbp = new("GBP");
    public static readonly Asset Btc = new("BTC");

    /// <summary>Parses a code in any case (<c>btc</c> → <c>BTC</c>).</summary>
    /// <exception cref="FormatException">The text is not 1–16 letters or digits.</exception>
    public static Asset Parse(string text) =>
        TryParse(text, out var asset) ? asset
            : throw new FormatException($"'{text}' is not an asset code (1-16 letters or digits).");

    public static bool TryParse([NotNullWhen(true)] string? text, out Asset asset)
    {
        asset = default;
        if (string.IsNullOrEmpty(text) || text.Length > 16) return false;
        foreach (var c in text)
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        asset = new Asset(text.ToUpperInvariant());
        return true;
    }

    public int CompareTo(Asset other) => string.CompareOrdinal(Code, other.Code);

    public bool Equals(Asset other) => string.Equals(_code, other._code, StringComparison.Ordinal);

    public override int GetHashCode() => _code is null ? 0 : StringComparer.Ordinal.GetHashCode(_code);

    public override string ToString() => _code ?? "(none)";
}

/// <summary>A set of asset codes treated as fiat money. Immutable.</summary>
public sealed class FiatSet
{
    private readonly FrozenSet<string> _codes;

    public FiatSet(IEnumerable<string> codes) =>
        _codes = codes.Select(c => Asset.Parse(c).Code).ToFrozenSet(StringComparer.Ordinal);

    public bool Contains(Asset asset) => _codes.Contains(asset.Code);

    public IReadOnlyCollection<string> Codes => _codes;
}
