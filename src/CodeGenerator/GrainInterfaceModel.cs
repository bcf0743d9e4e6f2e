using System;

namespace OrleansBank.CodeGenerator;

/// <summary>What the generator emits for one grain interface: plain strings, so the incremental pipeline can compare runs.</summary>
internal sealed class GrainInterfaceModel : IEquatable<GrainInterfaceModel>
{
    public GrainInterfaceModel(string interfaceType, string hintName, string referenceClass, string source)
    {
        InterfaceType = interfaceType;
        HintName = hintName;
        ReferenceClass = referenceClass;
        Source = source;
    }

    /// <summary>The interface, fully qualified: one model per interface, however many times it is declared (partial).</summary>
    public string InterfaceType { get; }

    /// <summary>The name of the generated file, unique per interface.</summary>
    public string HintName { get; }

    /// <summary>The generated reference class, whose Register method the module initializer calls.</summary>
    public string ReferenceClass { get; }

    public string Source { get; }

    public bool Equals(GrainInterfaceModel? other) =>
        other is not null && InterfaceType == other.InterfaceType && HintName == other.HintName && ReferenceClass == other.ReferenceClass && Source == other.Source;

    public override bool Equals(object? obj) => Equals(obj as GrainInterfaceModel);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Source);
}
