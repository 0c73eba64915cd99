namespace PortfolioSync.Bitstamp.Auth;

/// <summary>
/// A Bitstamp API key id. Not the secret, but still shown only as its last 4 characters (<c>…ab12</c>).
/// The full value is reachable through <see cref="Value"/> for the <c>X-Auth</c> header only.
/// </summary>
public sealed record ApiKeyId
{
    public ApiKeyId(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("an API key id must not be empty", nameof(value));
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException("an API key id must not contain blanks or control characters", nameof(value));
        Value = value;
    }

    /// <summary>The full key id, for the request header only. Never print it.</summary>
    public string Value { get; }

    /// <summary>The last 4 characters, e.g. <c>…ab12</c>.</summary>
    public string Masked => Value.Length <= 4 ? "…" + Value : "…" + Value[^4..];

    public override string ToString() => Masked;
}
