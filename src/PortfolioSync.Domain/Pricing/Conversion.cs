using NodaTime;
using NodaTime.Text;

namespace PortfolioSync.Domain.Pricing;

/// <summary>
/// The answer of <see cref="PriceBook"/> to "what is one <see cref="From"/> worth in <see cref="To"/> on
/// <see cref="Date"/>": the route taken (one pair, or two pairs for a one-hop route), the closes used, the candle
/// date actually used and whether it was gap-filled. A <see cref="ConversionStatus.Missing"/> conversion has no rate:
/// <see cref="Apply"/> throws rather than return zero. <c>default</c> is a missing conversion of no assets.
/// </summary>
public readonly record struct Conversion
{
    internal Conversion(Asset from, Asset to, LocalDate date, ConversionStatus status,
        CurrencyPair? firstPair, bool firstInverted, decimal firstClose,
        CurrencyPair? secondPair, bool secondInverted, decimal secondClose, LocalDate? priceDate)
    {
        From = from;
        To = to;
        Date = date;
        Status = status;
        FirstPair = firstPair;
        FirstInverted = firstInverted;
        FirstClose = firstClose;
        SecondPair = secondPair;
        SecondInverted = secondInverted;
        SecondClose = secondClose;
        PriceDate = priceDate;
    }

    public Asset From { get; }

    public Asset To { get; }

    /// <summary>The UTC candle date that was asked for.</summary>
    public LocalDate Date { get; }

    public ConversionStatus Status { get; }

    public bool IsFound => Status != ConversionStatus.Missing;

    public bool IsGapFilled => Status == ConversionStatus.GapFilled;

    /// <summary>The first market of the route (for a missing conversion: the direct pair From/To that was wanted).</summary>
    public CurrencyPair? FirstPair { get; }

    /// <summary>True when the route goes against <see cref="FirstPair"/> (divides by its close).</summary>
    public bool FirstInverted { get; }

    public decimal FirstClose { get; }

    /// <summary>The second market of a one-hop route; null for a direct route.</summary>
    public CurrencyPair? SecondPair { get; }

    public bool SecondInverted { get; }

    public decimal SecondClose { get; }

    /// <summary>The oldest candle date used: equals <see cref="Date"/> unless gap-filled. Null when missing or identity.</summary>
    public LocalDate? PriceDate { get; }

    /// <summary>How many <see cref="To"/> one <see cref="From"/> is worth (full decimal precision).</summary>
    /// <exception cref="InvalidOperationException">The conversion is missing.</exception>
    public decimal Rate => Apply(1m);

    /// <summary>
    /// Converts <paramref name="amount"/> of <see cref="From"/> into <see cref="To"/>, dividing (not multiplying by a
    /// rounded reciprocal) along inverted legs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The conversion is missing: there is no rate, and zero is not one.</exception>
    public decimal Apply(decimal amount)
    {
        switch (Status)
        {
            case ConversionStatus.Identity:
                return amount;
            case ConversionStatus.Missing:
                throw new InvalidOperationException($"No price: {Describe()}");
        }
        var value = FirstInverted ? amount / FirstClose : amount * FirstClose;
        if (SecondPair is not null) value = SecondInverted ? value / SecondClose : value * SecondClose;
        return value;
    }

    /// <summary>
    /// One line for warnings and audit columns, e.g. <c>BTC→GBP 2024-03-01: BTC/USD close 2024-03-01 then
    /// GBP/USD (inverse) close 2024-03-01</c>.
    /// </summary>
    public string Describe()
    {
        var date = LocalDatePattern.Iso.Format(Date);
        return Status switch
        {
            ConversionStatus.Identity => $"{From}->{To} {date}: same asset",
            ConversionStatus.Missing => $"{From}->{To} {date}: no close on or before {date} for {From}/{To}, {To}/{From} or a one-hop route",
            _ => $"{From}->{To} {date}: {Leg(FirstPair, FirstInverted, FirstClose)}"
                + (SecondPair is null ? "" : " then " + Leg(SecondPair, SecondInverted, SecondClose))
                + (IsGapFilled ? " (gap-filled from " + LocalDatePattern.Iso.Format(PriceDate!.Value) + ")" : ""),
        };
    }

    public override string ToString() => Describe();

    private static string Leg(CurrencyPair? pair, bool inverted, decimal close) =>
        $"{pair}{(inverted ? " (inverse)" : "")} close {DecimalText.Format(close)}";
}
