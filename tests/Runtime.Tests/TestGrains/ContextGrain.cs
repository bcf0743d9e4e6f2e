namespace OrleansBank.Runtime.Tests.TestGrains;

public interface IContextGrain : IGrainWithStringKey
{
    /// <summary>The grain id the grain sees, and whether its context is the one its constructor was given.</summary>
    Task<string> Describe();
}

/// <summary>Takes its context as a constructor parameter, as Orleans' <c>Grain(IGrainContext)</c> allows.</summary>
public sealed class ContextGrain(IGrainContext context) : Grain(context), IContextGrain
{
    private readonly IGrainContext _given = context;

    public Task<string> Describe() => Task.FromResult($"{GrainId} {ReferenceEquals(GrainContext, _given)}");
}
