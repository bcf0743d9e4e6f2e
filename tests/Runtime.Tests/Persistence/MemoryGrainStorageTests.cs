using OrleansBank.Tests.Persistence;

namespace OrleansBank.Runtime.Tests.Persistence;

public sealed class MemoryGrainStorageTests : GrainStorageContractTests
{
    protected override IGrainStorage CreateStorage() => new Runtime.Persistence.MemoryGrainStorage();
}
