namespace OrleansBank.Runtime.Tests.TestGrains;

public enum Colour
{
    Red = 1,
    Green = 2,
}

public sealed record Parcel(string Label, decimal Weight, Colour Colour, IReadOnlyList<int> Items, Dictionary<string, Guid> Tags, DateTimeOffset SentAt, TimeSpan Transit, int? Priority);

public interface IEchoGrain : IGrainWithStringKey
{
    Task<Parcel> Echo(Parcel parcel);

    Task<decimal> Add(decimal a, decimal b);

    Task Nothing();
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<Parcel> Echo(Parcel parcel) => Task.FromResult(parcel with { Label = parcel.Label + "!" });

    public Task<decimal> Add(decimal a, decimal b) => Task.FromResult(a + b);

    public Task Nothing() => Task.CompletedTask;
}
