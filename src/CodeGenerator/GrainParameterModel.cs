namespace OrleansBank.CodeGenerator;

/// <summary>One parameter of a grain method: its name, and its type as code and as a typeof operand.</summary>
internal sealed class GrainParameterModel
{
    public GrainParameterModel(string name, string type, string typeOfType)
    {
        Name = name;
        Type = type;
        TypeOfType = typeOfType;
    }

    public string Name { get; }

    /// <summary>Fully qualified, with nullable reference annotations.</summary>
    public string Type { get; }

    /// <summary>Fully qualified without nullable reference annotations, which typeof does not allow.</summary>
    public string TypeOfType { get; }
}
