using OrleansBank.Runtime.Messaging;

namespace OrleansBank.Runtime.Tests.CodeGeneration;

/// <summary>Static members of a grain interface are not grain methods: the generator skips such an interface, the proxy serves it.</summary>
public class StaticMemberInterfaceTests
{
    public interface IWithStaticsGrain : IGrainWithStringKey
    {
        static readonly int Answer = 42;

        static int Doubled => Answer * 2;

        static Task<int> Help() => Task.FromResult(Answer);

        Task<int> Get();
    }

    [Fact]
    public void For_InterfaceWithStaticMembers_TakesItsInstanceMethodsAlone()
    {
        var grainInterface = GrainInterface.For(typeof(IWithStaticsGrain));

        Assert.Equal(["Get"], grainInterface.Methods.Select(m => m.Name));
        Assert.Null(grainInterface.Generated);
        Assert.IsAssignableFrom<IWithStaticsGrain>(GrainReference.Create(grainInterface, new GrainId("statics", "s"), invoker: null!));
    }
}
