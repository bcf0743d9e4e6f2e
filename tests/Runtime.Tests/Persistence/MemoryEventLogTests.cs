using OrleansBank.Tests.Persistence;

namespace OrleansBank.Runtime.Tests.Persistence;

public sealed class MemoryEventLogTests : EventLogContractTests
{
    protected override IEventLogStorage CreateLogStorage() => new Runtime.Persistence.MemoryGrainStorage();
}
