namespace PortfolioSync.Domain;

/// <summary>An amount of one asset. <c>default</c> (no asset) is invalid. Combining two assets throws.</summary>
public readonly record struct Money(decimal Amount, Asset Asset)
{
    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, Same(a, b));

    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, Same(a, b));

    public static Money operator -(Money a) => new(-a.Amount, a.Asset);

    public static Money Zero(Asset asset) => new(0m, asset);

    /// <summary>Parses <c>"30000 GBP"</c> or <c>"-0.5 BTC"</c> (invariant, strict: see <see cref="DecimalText"/>).</summary>
    public static Money Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2) throw new FormatException($"'{text}' is not '<amount> <asset>'.");
        return new Money(DecimalText.Parse(parts[0], "amount"), Asset.Parse(parts[1]));
    }

    public override string ToString() => $"{DecimalText.Format(Amount)} {Asset}";

    private static Asset Same(Money a, Money b) => a.Asset == b.Asset ? a.Asset
        : throw new InvalidOperationException($"Cannot combine {a.Asset} with {b.Asset}.");
}
