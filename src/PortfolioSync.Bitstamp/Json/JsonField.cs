using System.Text.Json;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>
/// One property of a record object: its JSON token type and its text (a string unescaped, a number as written,
/// <c>true</c>/<c>false</c>; null for <c>null</c>, objects and arrays).
/// </summary>
internal readonly record struct JsonField(string Name, JsonTokenType Type, string? Text)
{
    public bool IsNull => Type == JsonTokenType.Null;
}
