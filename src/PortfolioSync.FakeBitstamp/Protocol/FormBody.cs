using System.Text;

namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>An <c>application/x-www-form-urlencoded</c> body (or query string). Unknown fields are kept and ignored by endpoints; the first of repeated fields wins.</summary>
internal sealed class FormBody
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private FormBody()
    {
    }

    public static FormBody Empty { get; } = new();

    public static FormBody Parse(ReadOnlySpan<byte> body) => Parse(Encoding.UTF8.GetString(body));

    public static FormBody Parse(string text)
    {
        var form = new FormBody();
        if (text.StartsWith('?')) text = text[1..];
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            form.values.TryAdd(name, value);
        }

        return form;
    }

    /// <summary>The value, or null when the field is absent (present but empty gives "").</summary>
    public string? this[string name] => values.GetValueOrDefault(name);

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
