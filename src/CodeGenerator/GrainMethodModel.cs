using System.Collections.Generic;

namespace OrleansBank.CodeGenerator;

/// <summary>One method of a grain interface as the emitted code names it.</summary>
internal sealed class GrainMethodModel
{
    public GrainMethodModel(string declaringInterface, string name, string? resultType, IReadOnlyList<GrainParameterModel> parameters)
    {
        DeclaringInterface = declaringInterface;
        Name = name;
        ResultType = resultType;
        Parameters = parameters;
    }

    /// <summary>The interface that declares the method, fully qualified.</summary>
    public string DeclaringInterface { get; }

    public string Name { get; }

    /// <summary>The T of Task&lt;T&gt;, fully qualified with its nullability; null for a plain Task.</summary>
    public string? ResultType { get; }

    public IReadOnlyList<GrainParameterModel> Parameters { get; }
}
