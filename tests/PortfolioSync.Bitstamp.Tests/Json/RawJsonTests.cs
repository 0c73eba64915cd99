using System.Text;
using System.Text.Json;
using PortfolioSync.Bitstamp.Json;

namespace PortfolioSync.Bitstamp.Tests.Json;

public sealed class RawJsonTests
{
    [Fact]
    public void Elements_come_back_byte_for_byte_with_escapes_spacing_and_nesting_untouched()
    {
        var elements = new[]
        {
            "{\"id\":1,\"note\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/\"}",
            "{ \"id\" : 2 ,\n\t\"nested\" : { \"a\" : [ 1 , { \"b\" : null } ] } }",
            "{\"id\":3,\"eur\":0.0,\"btc\":\"-0.00000001\",\"big\":123456789012345678.123456789012345678}",
            "{\"id\":4,\"text\":\"ünïcödé raw ✓\"}",
            "{}",
        };
        var body = "  [" + string.Join(" ,\r\n  ", elements) + "]\n";

        var split = RawJson.SplitArray(Encoding.UTF8.GetBytes(body));

        split.Should().Equal(elements);
        split.Select(e => Encoding.UTF8.GetBytes(e)).Zip(elements.Select(Encoding.UTF8.GetBytes))
            .Should().OnlyContain(p => p.First.SequenceEqual(p.Second));
    }

    [Fact]
    public void An_empty_array_has_no_elements()
    {
        RawJson.SplitArray("[]"u8).Should().BeEmpty();
        RawJson.SplitArray(" [ ] "u8).Should().BeEmpty();
    }

    [Theory]
    [InlineData("[{\"id\":1},{\"id\":2}")]
    [InlineData("[{\"id\":1},{\"id\":")]
    [InlineData("[{\"id\":1}] trailing")]
    [InlineData("[{\"id\":1},]")]
    [InlineData("{\"id\":1}")]
    [InlineData("")]
    public void A_cut_off_or_non_array_body_is_refused(string body)
    {
        var act = () => RawJson.SplitArray(Encoding.UTF8.GetBytes(body));

        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void An_array_inside_an_object_is_split_in_place()
    {
        var candle = "{\"timestamp\": \"1700000000\", \"open\": \"1.5\"}";
        var body = "{\"data\": {\"pair\": \"BTC/USD\", \"ohlc\": [" + candle + ", " + candle + "]}, \"other\": [1]}";

        RawJson.SplitArrayAt(Encoding.UTF8.GetBytes(body), "data", "ohlc").Should().Equal(candle, candle);
        RawJson.SplitArrayAt(Encoding.UTF8.GetBytes(body), "data", "missing").Should().BeEmpty();
        RawJson.SplitArrayAt("{\"deposits\":null}"u8, "deposits").Should().BeEmpty();
    }

    [Theory]
    [InlineData("[]", true)]
    [InlineData("{\"a\":[1,2]}", true)]
    [InlineData(" [1] \n", true)]
    [InlineData("[1", false)]
    [InlineData("{\"a\":", false)]
    [InlineData("[1][2]", false)]
    [InlineData("", false)]
    public void Completeness_check(string body, bool complete) =>
        RawJson.IsCompleteDocument(Encoding.UTF8.GetBytes(body)).Should().Be(complete);
}
