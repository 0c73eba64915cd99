namespace PortfolioSync.Bitstamp.Errors;

/// <summary>Facts that sharpen a fix text: the address the server saw, both clocks, where we tried to connect.</summary>
internal sealed record ErrorDetails(string? ObservedAddress = null, DateTimeOffset? LocalTime = null,
    DateTimeOffset? ServerTime = null, string? BaseAddress = null)
{
    public static ErrorDetails None { get; } = new();
}
