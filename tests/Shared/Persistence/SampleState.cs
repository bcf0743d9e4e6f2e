namespace OrleansBank.Tests.Persistence;

/// <summary>Grain state the storage contract writes and reads back.</summary>
public sealed record SampleState
{
    public decimal Balance { get; init; }

    public List<string> Notes { get; init; } = [];
}
