using System.Text;
using PortfolioSync.Bitstamp.Auth;

namespace PortfolioSync.Bitstamp.Tests.Signing;

public sealed class RequestSignerTests
{
    private static readonly ApiKeyId DocsKey = new("api_key");
    private static readonly Secret DocsSecret = Secret.FromString("api_key_secret");
    private const string DocsNonce = "f93c979d-b00d-43a9-9b9c-fd4cd9547fa6";
    private const string DocsTimestamp = "1567755304968";

    [Fact]
    public void TV1_buy_request_from_JKorf_signs_to_the_known_lower_case_hex()
    {
        var signature = RequestSigner.SignRequest(Secret.FromString("XXX"), new ApiKeyId("XXX"), "POST", "test.test-api.com",
            "/api/v2/buy/ethusd/", RequestSigner.FormContentType, "123", "1499827318559", "side=0"u8);

        signature.Should().Be("6dca01a0817446cbc44cd792ef743262a7342a15c2df805bc89d30dbe099eefa");
    }

    [Fact]
    public void TV2_user_transactions_with_an_offset_body()
    {
        Sign("www.bitstamp.net", "/api/v2/user_transactions/", "offset=1")
            .Should().Be("526d7cd4184c381c21c2f8e6eeca15292edcc7ab8c4a188d68ee5c5ceb11b302");
    }

    [Fact]
    public void TV3_account_balances_without_body_signs_without_content_type()
    {
        Sign("www.bitstamp.net", "/api/v2/account_balances/", "")
            .Should().Be("8f3fefb1c2af8e3dd40457b69482f20102f44f89d6c33cf6ae328669c60a123b");
    }

    [Fact]
    public void TV4_the_paging_body_the_client_sends()
    {
        Sign("www.bitstamp.net", "/api/v2/user_transactions/", "limit=1000&since_id=1&sort=asc")
            .Should().Be("d656bed5d2cade3b5421d90802e00f572985476d1287be15888ccedda9f862ed");
    }

    [Fact]
    public void TV5_response_signature_over_nonce_timestamp_content_type_and_body()
    {
        RequestSigner.SignResponse(DocsSecret, DocsNonce, DocsTimestamp, "application/json", "[]"u8)
            .Should().Be("340d0d4e3bb6a1c6d75dd066c386c25dfd1975c90ad70a1a8571a15fed29f19c");
    }

    [Fact]
    public void TV6_host_keeps_a_non_default_port()
    {
        Sign("localhost:5000", "/api/v2/account_balances/", "")
            .Should().Be("bdc4e5d954bb047c8d7f1705a292772a79b671e93d05eb3d80974474fb42ad72");
    }

    [Fact]
    public void A_content_type_without_a_body_is_refused()
    {
        var act = () => RequestSigner.SignRequest(DocsSecret, DocsKey, "POST", "h", "/p", RequestSigner.FormContentType, "n", "1", []);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Signatures_compare_case_insensitively_but_not_loosely()
    {
        RequestSigner.SignaturesMatch("abcdef", "ABCDEF").Should().BeTrue();
        RequestSigner.SignaturesMatch("abcdef", "abcdee").Should().BeFalse();
        RequestSigner.SignaturesMatch("abcdef", "abcde").Should().BeFalse();
    }

    private static string Sign(string host, string path, string body) =>
        RequestSigner.SignRequest(DocsSecret, DocsKey, "POST", host, path, body.Length == 0 ? "" : RequestSigner.FormContentType,
            DocsNonce, DocsTimestamp, Encoding.UTF8.GetBytes(body));
}
