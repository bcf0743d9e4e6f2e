using OrleansBank.Tests.Shared;

namespace OrleansBank.Client.Tests.EndToEnd;

public sealed class AccountsEndToEndTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"accounts-e2e-{Guid.NewGuid():N}");

    [Fact]
    public async Task Accounts_AfterASiloRestart_ListsAccountsThatAreNotActive()
    {
        await using (var first = await SiloProcess.StartAsync(null, "--data", _data))
        {
            Assert.Equal(0, (await first.ClientAsync("open", "zoe")).Exit);
            Assert.Equal(0, (await first.ClientAsync("open", "adam", "--initial", "5")).Exit);
        }

        await using var second = await SiloProcess.StartAsync(null, "--data", _data);
        var (exit, output, error) = await second.ClientAsync("accounts");

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal("adam\nzoe\n", output.ReplaceLineEndings("\n"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
