using System.Globalization;
using System.Text.RegularExpressions;

namespace PortfolioSync.Benchmarks.Scenarios;

/// <summary>
/// The figures of the side-by-side with BittyTax (docs/benchmarks.md, issue 16), compared row by row:
///   scenario bittytax-compare --bittytax-log LOG --disposals DIR/2024-25/disposals.csv
/// LOG is BittyTax's terminal report (<c>-ty YEAR --nopdf</c>, colours and all); its capital gains rows are summed by
/// asset, UK date and rule, and so are the rows of our <c>disposals.csv</c> (the date is the end of our
/// <c>disposal_id</c>, the UK day; rule <c>pool</c> is section 104). Prints the totals by rule and by asset, and every
/// (asset, day, rule) whose quantity differs or whose gain differs by more than 10p.
/// </summary>
internal static partial class BittyTaxCompareScenario
{
    private sealed class Sum
    {
        public int Rows;
        public decimal Quantity, Cost, Fees, Proceeds, Gain;

        public void Add(Sum s)
        {
            Rows += s.Rows;
            Quantity += s.Quantity;
            Cost += s.Cost;
            Fees += s.Fees;
            Proceeds += s.Proceeds;
            Gain += s.Gain;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Rows,5} {Quantity,20} {Cost,14:0.00} {Fees,10:0.00} {Cost + Fees,14:0.00} {Proceeds,14:0.00} {Gain,13:0.00}");
    }

    public static int Run(string[] args)
    {
        var log = args.SkipWhile(a => a != "--bittytax-log").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--bittytax-log LOG");
        var ours = args.SkipWhile(a => a != "--disposals").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--disposals CSV");
        var bt = ReadBittyTax(log);
        var us = ReadOurs(ours);
        string[] rules = ["same-day", "bed-and-breakfast", "section-104"];
        Console.WriteLine($"{"",-32} {"rows",5} {"quantity",20} {"cost",14} {"fees",10} {"cost+fees",14} {"proceeds",14} {"gain",13}");
        foreach (var (name, map) in new[] { ("BittyTax", bt), ("PortfolioSync", us) })
        {
            foreach (var rule in rules.Append("all"))
                Console.WriteLine($"{name + " " + rule,-32} {Total(map, k => rule == "all" || k.Rule == rule)}");
        }
        foreach (var asset in bt.Keys.Concat(us.Keys).Select(k => k.Asset).Distinct().Order(StringComparer.Ordinal))
        {
            var (b, u) = (Total(bt, k => k.Asset == asset), Total(us, k => k.Asset == asset));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{asset}: gain BittyTax {b.Gain:0.00}, PortfolioSync {u.Gain:0.00} (difference {b.Gain - u.Gain:0.00}); cost+fees {b.Cost + b.Fees:0.00} / {u.Cost + u.Fees:0.00}; proceeds {b.Proceeds:0.00} / {u.Proceeds:0.00}"));
        }
        var keys = bt.Keys.Concat(us.Keys).Distinct().Order().ToList();
        var differing = keys.Where(k =>
        {
            var (b, u) = (bt.GetValueOrDefault(k) ?? new Sum(), us.GetValueOrDefault(k) ?? new Sum());
            return b.Quantity != u.Quantity || Math.Abs(b.Gain - u.Gain) > 0.10m;
        }).ToList();
        Console.WriteLine($"(asset, UK day, rule) keys: {keys.Count}; quantity different or gain more than 0.10 apart: {differing.Count}");
        foreach (var k in differing)
            Console.WriteLine($"  {k.Asset} {k.Day} {k.Rule}: BittyTax {bt.GetValueOrDefault(k) ?? new Sum()} | PortfolioSync {us.GetValueOrDefault(k) ?? new Sum()}");
        return 0;
    }

    private static Sum Total(Dictionary<(string Asset, string Day, string Rule), Sum> map, Func<(string Asset, string Day, string Rule), bool> select)
    {
        var total = new Sum();
        foreach (var (k, v) in map)
            if (select(k)) total.Add(v);
        return total;
    }

    private static Dictionary<(string Asset, string Day, string Rule), Sum> ReadBittyTax(string path)
    {
        var map = new Dictionary<(string, string, string), Sum>();
        foreach (var raw in File.ReadLines(path))
        {
            var m = Row().Match(Ansi().Replace(raw, "").TrimEnd());
            if (!m.Success) continue;
            var d = m.Groups["date"].Value;   // dd/mm/yyyy
            var type = m.Groups["type"].Value;
            var rule = type.StartsWith("Bed", StringComparison.Ordinal) ? "bed-and-breakfast"
                : type == "Same Day" ? "same-day" : type == "Section 104" ? "section-104" : type;
            Add(map, (m.Groups["asset"].Value, $"{d[6..]}-{d[3..5]}-{d[..2]}", rule),
                Money(m.Groups["q"].Value), Money(m.Groups["cost"].Value), Money(m.Groups["fees"].Value),
                Money(m.Groups["proceeds"].Value), Money(m.Groups["gain"].Value));
        }
        return map;
    }

    private static Dictionary<(string Asset, string Day, string Rule), Sum> ReadOurs(string path)
    {
        var map = new Dictionary<(string, string, string), Sum>();
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"{path}: no column {name}");
        var (id, asset, q, cost, fees, proceeds, gain, rule) =
            (Col("disposal_id"), Col("asset"), Col("quantity"), Col("cost"), Col("fees"), Col("proceeds"), Col("gain"), Col("match_rule"));
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');   // no quoted fields in these columns
            var r = f[rule] == "pool" ? "section-104" : f[rule];
            Add(map, (f[asset], f[id][(f[id].LastIndexOf(':') + 1)..], r),
                Money(f[q]), Money(f[cost]), Money(f[fees]), Money(f[proceeds]), Money(f[gain]));
        }
        return map;
    }

    private static void Add(Dictionary<(string, string, string), Sum> map, (string, string, string) key,
        decimal q, decimal cost, decimal fees, decimal proceeds, decimal gain)
    {
        if (!map.TryGetValue(key, out var s)) map[key] = s = new Sum();
        s.Rows++;
        s.Quantity += q;
        s.Cost += cost;
        s.Fees += fees;
        s.Proceeds += proceeds;
        s.Gain += gain;
    }

    private static decimal Money(string text) => text.Length == 0 ? 0m
        : decimal.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^(?<asset>\S+)\s+(?<date>\d\d/\d\d/\d{4})\s+(?<type>Same Day|Bed & Breakfast \(\d\d/\d\d/\d{4}\)|Ten Day \(\d\d/\d\d/\d{4}\)|Section 104|No Gain/No Loss|Unpooled)\s+(?<q>[\d,.]+)\s+£(?<cost>[-\d,.]+)\s+£(?<fees>[-\d,.]+)\s+£(?<proceeds>[-\d,.]+)\s+£(?<gain>[-\d,.]+)$")]
    private static partial Regex Row();
}
