using OrleansBank.Grains;

namespace OrleansBank.Client.Tests.Commands;

/// <summary>Authorizes every withdrawal, but can hold them inside the grain's turn until the test releases them.</summary>
internal sealed class HeldAuthorization : IWithdrawalAuthorization
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Hold { get; set; }

    /// <summary>Completes when a held withdrawal has reached the grain and waits in its turn.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _release.TrySetResult();

    public async Task<string?> AuthorizeAsync(string accountId, decimal amount)
    {
        if (Hold)
        {
            _arrived.TrySetResult();
            await _release.Task;
        }

        return null;
    }
}
