using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Samples;

/// <summary>The stored shape of a profile: a class with a parameterless constructor, as [PersistentState] needs.</summary>
public sealed class ProfileState
{
    public string DisplayName { get; set; } = "";

    public int Renames { get; set; }
}

/// <summary>What a caller sees of a profile: a copy, never the grain's own state object.</summary>
public sealed record Profile(string DisplayName, int Renames);

public interface IProfileGrain : IGrainWithStringKey
{
    Task<Profile> Get();

    Task Rename(string displayName);

    Task Forget();

    Task Deactivate();
}

/// <summary>A sample grain with whole-state persistence, showing the bank's test fixture hosts it beside the event-logged accounts.</summary>
public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile) : Grain, IProfileGrain
{
    public Task<Profile> Get() => Task.FromResult(new Profile(profile.State.DisplayName, profile.State.Renames));

    public async Task Rename(string displayName)
    {
        var before = (profile.State.DisplayName, profile.State.Renames);
        (profile.State.DisplayName, profile.State.Renames) = (displayName, before.Renames + 1);
        try
        {
            await profile.WriteStateAsync();
        }
        catch
        {
            // The store refused: memory must not claim what the store does not hold.
            (profile.State.DisplayName, profile.State.Renames) = before;
            throw;
        }
    }

    public Task Forget() => profile.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
