using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Tests.Messaging.Transport;

public class FileDescriptorLimitTests
{
    [Theory]
    [InlineData(512UL, 195, 189)] // the acceptance check's ulimit -n 512, with an idle silo's 195 descriptors
    [InlineData(1024UL, 195, 701)]
    [InlineData(4096UL, 200, 3384)]
    [InlineData(300UL, 195, 16)]
    [InlineData(1UL << 20, 200, 10_000)]
    public void ForSoftLimit_LeavesWhatIsOpenAndAReserveBelowTheLimit(ulong softLimit, int openNow, int expected) =>
        Assert.Equal(expected, FileDescriptorLimit.ForSoftLimit(softLimit, openNow));

    [Fact]
    public void ForSoftLimit_Unknown_IsFixedDefault() => Assert.Equal(1_000, FileDescriptorLimit.ForSoftLimit(null, 0));

    [Fact]
    public void DefaultMaxConnections_StaysBelowThisProcesssLimit()
    {
        var soft = FileDescriptorLimit.SoftLimit();
        var open = FileDescriptorLimit.OpenNow();
        Assert.Equal(OperatingSystem.IsLinux() && Environment.Is64BitProcess, soft is not null);
        Assert.Equal(OperatingSystem.IsLinux(), open is > 0);
        Assert.True(soft is null || (ulong)(FileDescriptorLimit.DefaultMaxConnections() + open!.Value) < soft, $"the default cap must leave room below ulimit -n ({soft}) for the {open} descriptors open");
    }
}
