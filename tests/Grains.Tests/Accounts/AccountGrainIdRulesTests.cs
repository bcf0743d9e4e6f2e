using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Accounts;

public class AccountGrainIdRulesTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("new\nline")]
    [InlineData("nul\0")]
    [InlineData("k{D800}")]
    public async Task Open_AccountIdBreaksTheRule_ThrowsNamingItAndStaysUnopened(string id)
    {
        id = LoneSurrogates.Expand(id);
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>(id);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => account.Open("Ada", 10m, "open"));

        Assert.Contains("account id", error.Message);
        await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetBalance());
        Assert.Equal(0, bank.Storage.StoredEventCount(account.GetGrainId()));
    }

    [Fact]
    public async Task Open_AccountIdOf129Characters_IsRefused()
    {
        await using var bank = await BankCluster.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => bank.Grains.GetGrain<IAccountGrain>(new string('a', 129)).Open("Ada"));
        Assert.Equal(AccountIds.MaxLength, (await bank.Grains.GetGrain<IAccountGrain>(new string('a', 128)).Open("Ada")).AccountId.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two\nlines")]
    [InlineData("lost \uFFFD bytes")]
    public async Task Open_OwnerBreaksTheRule_ThrowsNamingIt(string owner)
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("owner-rule");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => account.Open(owner));

        Assert.Equal("owner", error.ParamName);
        await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetBalance());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\t")]
    [InlineData("\uFFFD")]
    [InlineData("x{DBFF}")]
    [InlineData("129")]
    public async Task EveryChange_OperationIdBreaksTheRule_ThrowsNamingItAndChangesNothing(string operationId)
    {
        operationId = operationId == "129" ? new string('x', 129) : LoneSurrogates.Expand(operationId);
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);
        var unopened = bank.Grains.GetGrain<IAccountGrain>("still-closed");

        var errors = new[]
        {
            await Assert.ThrowsAsync<ArgumentException>(() => unopened.Open("Ada", 1m, operationId)),
            await Assert.ThrowsAsync<ArgumentException>(() => account.Deposit(1m, operationId)),
            await Assert.ThrowsAsync<ArgumentException>(() => account.Withdraw(1m, operationId)),
            await Assert.ThrowsAsync<ArgumentException>(() => account.Close(operationId)),
        };

        Assert.All(errors, e => Assert.Equal("operationId", e.ParamName));
        Assert.All(errors, e => Assert.Contains("operation id", e.Message));
        Assert.Equal(100m, await account.GetBalance());
        Assert.Single((await account.GetStatement()).Entries);
        await Assert.ThrowsAsync<AccountNotOpenException>(() => unopened.GetBalance());
    }

    [Fact]
    public async Task AccountOpenedBeforeTheRule_StaysReadableAndUsable()
    {
        await using var bank = await BankCluster.StartAsync();
        var legacy = bank.Grains.GetGrain<IAccountGrain>("old/account id");
        var opened = new AccountEvent(AccountEventKind.Opened, "old open", 50m, DateTimeOffset.UnixEpoch, Owner: "Ada");
        await bank.Storage.AppendAsync<AccountEvent>("account", legacy.GetGrainId(), 0, [opened]);

        Assert.Equal(50m, await legacy.GetBalance());
        Assert.Equal(60m, (await legacy.Deposit(10m, "d")).Balance);
        Assert.True((await legacy.Withdraw(5m, "w")).Approved);
        Assert.Equal(3, (await legacy.GetStatement()).Entries.Count);
        Assert.Equal(55m, (await legacy.Close("c")).PaidOut);
    }
}
