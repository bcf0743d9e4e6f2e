using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Tests.Cluster;

namespace OrleansBank.Runtime.Tests.Messaging.Gateway;

/// <summary>How a silo resolves the targets of requests that come over the wire, for the interfaces many grain classes share.</summary>
public class SiloTargetResolverTests
{
    private static readonly uint TickMethod = GrainInterface.For(typeof(IRemindable)).Methods.Single().Id;

    [Fact]
    public void Resolve_ReminderTickForEitherOfTwoRemindableClasses_FindsReceiveReminder()
    {
        var registry = new GrainTypeRegistry([typeof(ReminderTestGrain).Assembly]);
        var targets = new SiloTargetResolver(registry);

        var first = targets.Resolve(registry.GetGrainType(typeof(IReminderTestGrain)), typeof(IRemindable).FullName!, TickMethod);
        var second = targets.Resolve(registry.GetGrainType(typeof(ISecondReminderTestGrain)), typeof(IRemindable).FullName!, TickMethod);

        Assert.Equal(nameof(IRemindable.ReceiveReminder), first.Name);
        Assert.Equal(nameof(IRemindable.ReceiveReminder), second.Name);
    }

    [Fact]
    public void Resolve_ReminderTickForAClassThatIsNotRemindable_IsRefused()
    {
        var registry = new GrainTypeRegistry([typeof(ReminderTestGrain).Assembly]);
        var targets = new SiloTargetResolver(registry);

        Assert.Throws<UnknownGrainTargetException>(() => targets.Resolve(registry.GetGrainType(typeof(ISecondReminderTestGrain)) + "-none", typeof(IRemindable).FullName!, TickMethod));
    }
}
