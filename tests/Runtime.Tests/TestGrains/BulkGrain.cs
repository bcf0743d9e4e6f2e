namespace OrleansBank.Runtime.Tests.TestGrains;

/// <summary>Sends and receives payloads of a chosen size, to test frame limits.</summary>
public interface IBulkGrain : IGrainWithStringKey
{
    Task<string> Make(int length);

    Task<int> Measure(string text);
}

public sealed class BulkGrain : Grain, IBulkGrain
{
    public Task<string> Make(int length) => Task.FromResult(new string('x', length));

    public Task<int> Measure(string text) => Task.FromResult(text.Length);
}
