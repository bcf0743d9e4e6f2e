namespace OrleansBank.Runtime.Tests.Core;

public sealed class SiloAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", 11111, 1763790000000L, "127.0.0.1:11111:1763790000000")]
    [InlineData("::1", 21201, 5L, "[::1]:21201:5")]
    [InlineData("silo-a.local", 1, 0L, "silo-a.local:1:0")]
    public void ToString_ThenParse_RoundTrips(string host, int port, long generation, string text)
    {
        var address = new SiloAddress(host, port, generation);

        Assert.Equal(text, address.ToString());
        Assert.Equal(address, SiloAddress.Parse(text));
    }

    [Fact]
    public void Equality_SameEndpointOtherGeneration_IsAnotherSilo()
    {
        var first = new SiloAddress("127.0.0.1", 11111, 1);

        Assert.Equal(first, new SiloAddress("127.0.0.1", 11111, 1));
        Assert.NotEqual(first, new SiloAddress("127.0.0.1", 11111, 2));
        Assert.Equal(first.Endpoint, new SiloAddress("127.0.0.1", 11111, 2).Endpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:11111")]
    [InlineData(":11111:1")]
    [InlineData("127.0.0.1:0:1")]
    [InlineData("127.0.0.1:70000:1")]
    [InlineData("127.0.0.1:11111:-1")]
    [InlineData("127.0.0.1:x:1")]
    [InlineData("[::1:11111:1")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(SiloAddress.TryParse(text, out var address));
        Assert.Null(address);
    }

    [Fact]
    public void Parse_Malformed_SaysTheExpectedForm()
    {
        var error = Assert.Throws<FormatException>(() => SiloAddress.Parse("nothere"));

        Assert.Contains("host:port:generation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewGeneration_ReadsTheClock()
    {
        var time = new OrleansBank.TestingHost.ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1234));

        Assert.Equal(1234, SiloAddress.NewGeneration(time));
    }
}
