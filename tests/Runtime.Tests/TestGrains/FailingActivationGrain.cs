namespace OrleansBank.Runtime.Tests.TestGrains;

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<int> Touch();
}

/// <summary>
/// Raises "activating:KEY" and waits for "release-activation:KEY" in OnActivateAsync; its first activation then
/// throws, every later one succeeds.
/// </summary>
public sealed class FailingActivationGrain(Gates gates) : Grain, IFailingActivationGrain
{
    private int _touches;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        gates.Record($"activate:{key}");
        gates.Raise($"activating:{key}");
        await gates.Signal($"release-activation:{key}").Task;
        if (gates.Log.Count(e => e == $"activate:{key}") == 1)
        {
            throw new GrainFailureException($"first activation of {key} failed");
        }
    }

    public Task<int> Touch() => Task.FromResult(++_touches);
}
