namespace PortfolioSync.Domain;

/// <summary>Lists for messages: <c>a, b or c</c>.</summary>
public static class TextList
{
    /// <summary><c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    public static string Or(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count <= 1 ? string.Join("", items) : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];
    }
}
