using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.Pricing;

/// <summary>
/// Collects missing and gap-filled conversions and reports them as few warnings: one per asset pair and run of
/// consecutive dates, naming the pair, the dates, how many values were affected and the first entry concerned.
/// </summary>
internal sealed class PriceWarnings(string missingConsequence)
{
    private readonly Dictionary<(Asset From, Asset To, bool Missing), Tally> _tallies = [];

    /// <summary>Notes <paramref name="conversion"/> if it is missing or gap-filled; returns whether it has a rate.</summary>
    public bool Record(in Conversion conversion, string? account, string? entryId)
    {
        if (conversion.Status is ConversionStatus.Exact or ConversionStatus.Identity) return true;
        var missing = conversion.Status == ConversionStatus.Missing;
        var key = (conversion.From, conversion.To, missing);
        if (!_tallies.TryGetValue(key, out var tally)) _tallies[key] = tally = new Tally();
        var day = PriceSeries.DayNumber(conversion.Date);
        tally.Count++;
        if (tally.Days.Add(day)) tally.FirstOfDay[day] = (account, entryId, conversion);
        return !missing;
    }

    public IEnumerable<Warning> ToWarnings()
    {
        foreach (var ((from, to, missing), tally) in _tallies.OrderBy(t => t.Key.Missing ? 0 : 1)
                     .ThenBy(t => t.Key.From).ThenBy(t => t.Key.To))
        {
            var days = tally.Days.Order().ToList();
            var start = 0;
            for (var i = 1; i <= days.Count; i++)
            {
                if (i < days.Count && days[i] == days[i - 1] + 1) continue;
                var (account, entryId, first) = tally.FirstOfDay[days[start]];
                var range = Range(days[start], days[i - 1]);
                var where = entryId is null ? "" : $"; first: {entryId}";
                yield return missing
                    ? new Warning(WarningCode.MissingPrice, Severity.Warning, account, entryId,
                        $"no {from}->{to} price for {range}: no close on or before that date on {from}/{to}, {to}/{from} or a one-hop route; {missingConsequence}{where}")
                    : new Warning(WarningCode.PriceGapFilled, Severity.Warning, account, entryId,
                        $"no {from}->{to} candle for {range}: the last known close was carried forward ({first.Describe()}){where}");
                start = i;
            }
        }
    }

    private static string Range(int first, int last)
    {
        var a = LocalDatePattern.Iso.Format(PriceSeries.FromDayNumber(first));
        return first == last ? a : $"{a}..{LocalDatePattern.Iso.Format(PriceSeries.FromDayNumber(last))} ({last - first + 1} days)";
    }

    private sealed class Tally
    {
        public int Count;
        public readonly HashSet<int> Days = [];
        public readonly Dictionary<int, (string? Account, string? EntryId, Conversion Conversion)> FirstOfDay = [];
    }
}
