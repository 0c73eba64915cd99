namespace PortfolioSync.Bitstamp;

/// <summary>
/// What a 200 answer whose <c>X-Server-Auth-Signature</c> does not match does (config <c>responseSignature</c>). No
/// public client has shown Bitstamp's published response formula holding in the field (bitstamp-api.md §9), so a
/// mismatch is a warning by default.
/// </summary>
public enum ResponseSignatureMode
{
    /// <summary>Accept the answer, count it and warn (default).</summary>
    Warn,
    /// <summary>Refuse the answer: the account fails with <see cref="Errors.BitstampErrorKind.ResponseSignatureMismatch"/>.</summary>
    Strict,
    /// <summary>Do not check response signatures.</summary>
    Off,
}
