using OrleansBank.Tests.Persistence;

namespace OrleansBank.Runtime.Tests.Persistence;

public sealed class MemoryGrainKeyListerTests : GrainKeyListerContractTests
{
    protected override IGrainStorage CreateStorage() => new Runtime.Persistence.MemoryGrainStorage();
}
