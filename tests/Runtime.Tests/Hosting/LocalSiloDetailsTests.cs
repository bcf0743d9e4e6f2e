using OrleansBank.Runtime.Hosting;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Hosting;

public class LocalSiloDetailsTests
{
    [Fact]
    public void Create_ConfiguredEndpoint_NamesHostPortAndStartTime()
    {
        var start = DateTimeOffset.UnixEpoch.AddYears(100);
        var details = LocalSiloDetails.Create(new EndpointOptions { ListenAddress = "127.0.0.1", SiloPort = 12345 }, new ManualTimeProvider(start));

        Assert.Equal("127.0.0.1", details.SiloAddress.Host);
        Assert.Equal(12345, details.SiloAddress.Port);
        Assert.True(details.SiloAddress.Generation >= start.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Create_TwoSilosOnOneFrozenClockAndPort_GetDifferentAddresses()
    {
        // Silos in one process (tests) may share host, port and a frozen clock; their addresses must still differ.
        var time = new ManualTimeProvider();
        var options = new EndpointOptions { ListenAddress = "127.0.0.1", SiloPort = 11111 };

        var first = LocalSiloDetails.Create(options, time).SiloAddress;
        var second = LocalSiloDetails.Create(options, time).SiloAddress;

        Assert.NotEqual(first, second);
        Assert.True(second.Generation > first.Generation);
    }

    [Fact]
    public void Create_SiloPortZero_PicksARealPort()
    {
        var details = LocalSiloDetails.Create(new EndpointOptions { ListenAddress = "127.0.0.1", SiloPort = 0 }, TimeProvider.System);

        Assert.InRange(details.SiloAddress.Port, 1, 65535);
    }

    [Theory]
    [InlineData("*", null, "127.0.0.1")]
    [InlineData("0.0.0.0", null, "127.0.0.1")]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("*", "127.0.0.5", "127.0.0.5")]
    [InlineData("127.0.0.1", "bank1.example.com", "bank1.example.com")]
    public void Create_ListenAndAdvertisedAddress_AddressUsesTheAdvertisedHost(string listen, string? advertised, string expected)
    {
        var details = LocalSiloDetails.Create(new EndpointOptions { ListenAddress = listen, AdvertisedAddress = advertised, SiloPort = 12345 }, TimeProvider.System);

        Assert.Equal(expected, details.SiloAddress.Host);
    }

    [Fact]
    public void Create_GatewayPortZero_GatewayEndpointIsTheAdvertisedHostWithTheBoundPort()
    {
        string? bound = null;
        var details = LocalSiloDetails.Create(
            new EndpointOptions { ListenAddress = "*", AdvertisedAddress = "127.0.0.5", SiloPort = 12345, GatewayPort = 0, HttpEndpoint = "http://127.0.0.5:8080" },
            TimeProvider.System,
            boundGateway: () => bound);

        Assert.Null(details.GatewayEndpoint);
        bound = "0.0.0.0:40123";
        Assert.Equal("127.0.0.5:40123", details.GatewayEndpoint);
        Assert.Equal("http://127.0.0.5:8080", details.HttpEndpoint);
    }
}
