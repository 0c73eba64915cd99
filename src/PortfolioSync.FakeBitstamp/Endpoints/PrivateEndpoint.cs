using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>A signed POST endpoint: the permission its key needs and what it answers once authenticated.</summary>
internal sealed record PrivateEndpoint(ApiPermission Permission, Func<AccountData, FormBody, DateTimeOffset, ApiResponse> Handle);
