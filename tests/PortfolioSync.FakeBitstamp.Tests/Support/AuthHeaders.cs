using System.Net.Http.Headers;

namespace PortfolioSync.FakeBitstamp.Tests.Support;

internal static class AuthHeaders
{
    public static void Replace(this HttpRequestHeaders headers, string name, string? value)
    {
        headers.Remove(name);
        if (value is not null) headers.TryAddWithoutValidation(name, value);
    }
}
