using System.Text;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Protocol;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

/// <summary>The signing test vectors TV1–TV6 of bitstamp-api.md §8, for the server's verifier and over real HTTP.</summary>
public sealed class SigningVectorTests
{
    private const string Nonce = "f93c979d-b00d-43a9-9b9c-fd4cd9547fa6";
    private const string Timestamp = "1567755304968";
    private const string Form = "application/x-www-form-urlencoded";

    public static TheoryData<string, string, string, string, string, string, string, string, string, string> RequestVectors => new()
    {
        { "TV1", "XXX", "XXX", "123", "1499827318559", "test.test-api.com", "/api/v2/buy/ethusd/", "side=0", Form, "6dca01a0817446cbc44cd792ef743262a7342a15c2df805bc89d30dbe099eefa" },
        { "TV2", "api_key", "api_key_secret", Nonce, Timestamp, "www.bitstamp.net", "/api/v2/user_transactions/", "offset=1", Form, "526d7cd4184c381c21c2f8e6eeca15292edcc7ab8c4a188d68ee5c5ceb11b302" },
        { "TV3", "api_key", "api_key_secret", Nonce, Timestamp, "www.bitstamp.net", "/api/v2/account_balances/", "", "", "8f3fefb1c2af8e3dd40457b69482f20102f44f89d6c33cf6ae328669c60a123b" },
        { "TV4", "api_key", "api_key_secret", Nonce, Timestamp, "www.bitstamp.net", "/api/v2/user_transactions/", "limit=1000&since_id=1&sort=asc", Form, "d656bed5d2cade3b5421d90802e00f572985476d1287be15888ccedda9f862ed" },
        { "TV6", "api_key", "api_key_secret", Nonce, Timestamp, "localhost:5000", "/api/v2/account_balances/", "", "", "bdc4e5d954bb047c8d7f1705a292772a79b671e93d05eb3d80974474fb42ad72" },
    };

    [Theory]
    [MemberData(nameof(RequestVectors))]
    public void The_server_verifier_computes_each_request_vector(
        string name, string key, string secret, string nonce, string timestamp, string host, string path, string body, string contentType, string expected)
    {
        var signature = V2Signature.Request(secret, key, "POST", host, path, "", contentType, nonce, timestamp, Encoding.UTF8.GetBytes(body));

        Convert.ToHexStringLower(signature).Should().Be(expected, name);
        V2Signature.Matches(expected.ToUpperInvariant(), signature).Should().BeTrue("hex is compared case-insensitively");
        TestSigner.RequestSignature(key, secret, "POST", host, path, "", contentType, nonce, timestamp, body).Should().Be(expected, "the test signer agrees");
    }

    [Fact]
    public void The_response_signature_matches_vector_TV5()
    {
        V2Signature.Response("api_key_secret", Nonce, Timestamp, "application/json", "[]"u8)
            .Should().Be("340d0d4e3bb6a1c6d75dd066c386c25dfd1975c90ad70a1a8571a15fed29f19c");
    }

    [Fact]
    public void A_signature_of_the_wrong_length_or_with_non_hex_characters_never_matches()
    {
        var expected = V2Signature.Request("s", "k", "POST", "h", "/p/", "", "", "n", "1", []);
        var hex = Convert.ToHexStringLower(expected);

        V2Signature.Matches(hex[..^2], expected).Should().BeFalse();
        V2Signature.Matches(hex[..^1] + "z", expected).Should().BeFalse();
        V2Signature.Matches(hex + "00", expected).Should().BeFalse();
    }

    [Theory]
    [InlineData("www.bitstamp.net", "8f3fefb1c2af8e3dd40457b69482f20102f44f89d6c33cf6ae328669c60a123b")]
    [InlineData("localhost:5000", "bdc4e5d954bb047c8d7f1705a292772a79b671e93d05eb3d80974474fb42ad72")]
    public async Task The_server_accepts_the_TV3_and_TV6_requests_over_http_and_signs_its_answer_as_TV5(string host, string signature)
    {
        // Given an account with the vectors' key and no records, and the server clock at the vectors' timestamp
        var account = new AccountData("main", "api_key", "api_key_secret", ApiPermissionNames.All, TransactionHistory.Empty);
        await using var h = await Harness.StartAsync(new ServerData([account], []), now: DateTimeOffset.FromUnixTimeMilliseconds(1567755304968));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/account_balances/");
        request.Headers.Host = host;
        request.Headers.Add("X-Auth", "BITSTAMP api_key");
        request.Headers.Add("X-Auth-Signature", signature);
        request.Headers.Add("X-Auth-Nonce", Nonce);
        request.Headers.Add("X-Auth-Timestamp", Timestamp);
        request.Headers.Add("X-Auth-Version", "v2");

        // When the vector's request is sent as is
        using var response = await h.Http.SendAsync(request);

        // Then it is accepted, the body is [] and the answer carries the TV5 signature
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, body);
        body.Should().Be("[]");
        response.Content.Headers.ContentType!.ToString().Should().Be("application/json");
        response.Headers.GetValues("X-Server-Auth-Signature").Single()
            .Should().Be("340d0d4e3bb6a1c6d75dd066c386c25dfd1975c90ad70a1a8571a15fed29f19c");
    }
}
