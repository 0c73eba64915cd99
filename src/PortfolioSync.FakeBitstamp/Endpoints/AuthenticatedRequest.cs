using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>An authenticated private request: whose account, and the nonce and timestamp to sign the answer with.</summary>
internal sealed record AuthenticatedRequest(AccountData Account, string Nonce, string Timestamp);
