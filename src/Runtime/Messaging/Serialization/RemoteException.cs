namespace OrleansBank.Runtime;

/// <summary>An exception from the other side of a connection whose type this process does not know.</summary>
public sealed class RemoteException(string typeName, string message) : Exception($"{typeName}: {message}")
{
    /// <summary>The remote exception's type, as "Namespace.Type, Assembly".</summary>
    public string TypeName { get; } = typeName;
}
