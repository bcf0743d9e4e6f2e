namespace OrleansBank.Runtime;

/// <summary>Options for grain calls.</summary>
public sealed class MessagingOptions
{
    /// <summary>How long a caller waits for a response unless the method says otherwise. Default: 30 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often late calls are looked for; timeouts fire up to this much late. Default: 100 ms.</summary>
    public TimeSpan TimeoutCheckInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
