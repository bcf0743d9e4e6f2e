using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Tests.Messaging.Transport;

public class FileDescriptorLimitTests
{
    [Theory]
    [InlineData(512UL, 384)] // the acceptance check's ulimit -n 512: 128 left for the database, HTTP and logs
    [InlineData(1024UL, 768)]
    [InlineData(100UL, 16)]
    [InlineData(1UL << 20, 10_000)]
    public void ForSoftLimit_LeavesHeadroomBelowTheLimit(ulong softLimit, int expected) =>
        Assert.Equal(expected, FileDescriptorLimit.ForSoftLimit(softLimit));

    [Fact]
    public void ForSoftLimit_Unknown_IsFixedDefault() => Assert.Equal(1_000, FileDescriptorLimit.ForSoftLimit(null));

    [Fact]
    public void DefaultMaxConnections_StaysBelowThisProcesssLimit()
    {
        var soft = FileDescriptorLimit.SoftLimit();
        Assert.Equal(OperatingSystem.IsLinux() && Environment.Is64BitProcess, soft is not null);
        Assert.Equal(FileDescriptorLimit.ForSoftLimit(soft), new ConnectionOptions().MaxConnections);
        Assert.True(soft is null || (ulong)new ConnectionOptions().MaxConnections < soft, $"the default cap must be below ulimit -n ({soft})");
    }
}
