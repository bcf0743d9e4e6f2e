using OrleansBank.Grains.Tests.Samples;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests;

/// <summary>The fixture docs/EXTENDING.md points newcomers at must host a [PersistentState] grain as well as the accounts.</summary>
public class BankClusterTests
{
    [Fact]
    public async Task PersistentStateGrain_AfterDeactivation_ReadsBackWhatItWrote()
    {
        await using var bank = await BankCluster.StartAsync();
        var profile = bank.Grains.GetGrain<IProfileGrain>("ada");
        await profile.Rename("Ada");
        await profile.Rename("Ada Lovelace");

        await profile.Deactivate();
        await Poll.UntilAsync(() => bank.Cluster.ActivationCount == 0, "the profile to deactivate");

        Assert.Equal(new Profile("Ada Lovelace", 2), await profile.Get());
        Assert.Equal("Ada Lovelace", bank.Storage.StoredState<ProfileState>("profile", profile.GetGrainId())!.DisplayName);
    }

    [Fact]
    public async Task PersistentStateGrain_BesideAnAccount_BothRunOnOneCluster()
    {
        await using var bank = await BankCluster.StartAsync();

        var account = await bank.OpenAsync(100m);
        await account.Withdraw(30m);
        await bank.Grains.GetGrain<IProfileGrain>("owner").Rename("Ada");

        Assert.Equal(70m, await account.GetBalance());
        Assert.Equal(new Profile("Ada", 1), await bank.Grains.GetGrain<IProfileGrain>("owner").Get());
    }

    [Fact]
    public async Task PersistentStateGrain_WriteHeld_AnswersOnlyOnceStored()
    {
        await using var bank = await BankCluster.StartAsync();
        var profile = bank.Grains.GetGrain<IProfileGrain>("held");
        bank.Storage.HoldWrites = true;

        var rename = profile.Rename("Ada");
        await bank.Storage.WriteHeld.WaitAsync(Poll.DefaultTimeout);
        Assert.False(rename.IsCompleted, "the call must not answer while its write is held");
        Assert.Null(bank.Storage.StoredState<ProfileState>("profile", profile.GetGrainId()));
        bank.Storage.ReleaseWrites();

        await rename;
        Assert.Equal("Ada", bank.Storage.StoredState<ProfileState>("profile", profile.GetGrainId())!.DisplayName);
    }

    [Fact]
    public async Task PersistentStateGrain_WriteFails_CallerGetsTheStoreErrorAndNothingIsStored()
    {
        await using var bank = await BankCluster.StartAsync();
        var profile = bank.Grains.GetGrain<IProfileGrain>("failing");
        await profile.Rename("Ada");
        bank.Storage.FailWritesWith = new GrainStorageException("disk unplugged");

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => profile.Rename("Bob"));

        Assert.Equal("disk unplugged", error.Message);
        Assert.Equal(new Profile("Ada", 1), await profile.Get());
        Assert.Equal("Ada", bank.Storage.StoredState<ProfileState>("profile", profile.GetGrainId())!.DisplayName);
    }

    [Fact]
    public async Task PersistentStateGrain_RecordChangedBehindItsBack_WriteFailsWithInconsistentStateAndKeepsTheNewerRecord()
    {
        await using var bank = await BankCluster.StartAsync();
        var profile = bank.Grains.GetGrain<IProfileGrain>("raced");
        await profile.Rename("Ada");
        var other = new GrainState<ProfileState>(new ProfileState());
        await bank.Storage.ReadStateAsync("profile", profile.GetGrainId(), other);
        other.State.DisplayName = "written elsewhere";
        await bank.Storage.WriteStateAsync("profile", profile.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => profile.Rename("Bob"));

        Assert.Equal("written elsewhere", bank.Storage.StoredState<ProfileState>("profile", profile.GetGrainId())!.DisplayName);
    }

    [Fact]
    public async Task PersistentStateGrain_Cleared_StartsAfreshOnTheNextActivation()
    {
        await using var bank = await BankCluster.StartAsync();
        var profile = bank.Grains.GetGrain<IProfileGrain>("forgotten");
        await profile.Rename("Ada");

        await profile.Forget();
        await profile.Deactivate();
        await Poll.UntilAsync(() => bank.Cluster.ActivationCount == 0, "the profile to deactivate");

        Assert.Equal(new Profile("", 0), await profile.Get());
        Assert.Null(bank.Storage.StoredState<ProfileState>("profile", profile.GetGrainId()));
    }
}
