namespace OrleansBank.Runtime;

/// <summary>What names a grain: a grain instance and a grain reference both do, so identity helpers need neither type.</summary>
internal interface IGrainIdentity
{
    GrainId GrainId { get; }
}
