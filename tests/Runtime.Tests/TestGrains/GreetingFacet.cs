using System.Reflection;

namespace OrleansBank.Runtime.Tests.TestGrains;

/// <summary>A facet the runtime has never heard of: it proves a new facet plugs in without touching activation code.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class GreetingAttribute(string text) : Attribute, IFacetMetadata
{
    public string Text { get; } = text;
}

public sealed class Greeting(string text, IGrainContext context)
{
    public string Text { get; } = text;

    public void Leave() => context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "the greeting left"));
}

public sealed class GreetingAttributeMapper : IAttributeToFactoryMapper<GreetingAttribute>
{
    public Func<IGrainContext, object> GetFactory(ParameterInfo parameter, GreetingAttribute attribute) =>
        context => new Greeting($"{attribute.Text}, {context.GrainId.Key}", context);
}

public interface IGreeterGrain : IGrainWithStringKey
{
    Task<string> Greet();

    Task LeaveThroughFacet();
}

public sealed class GreeterGrain([Greeting("hello")] Greeting greeting, Gates gates) : Grain, IGreeterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        gates.Record($"activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        gates.Record($"deactivate:{this.GetPrimaryKeyString()}:{reason.Code}");
        gates.Raise($"deactivated:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task<string> Greet() => Task.FromResult(greeting.Text);

    public Task LeaveThroughFacet()
    {
        greeting.Leave();
        return Task.CompletedTask;
    }
}
