using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>The result of authenticating a private request: the account, or the error to answer (with Retry-After seconds for 429).</summary>
internal sealed record AuthOutcome(AccountData? Account, ApiError? Error, int? RetryAfterSeconds = null)
{
    public static AuthOutcome Fail(ApiError error) => new(null, error);
}
