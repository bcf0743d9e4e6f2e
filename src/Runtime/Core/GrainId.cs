namespace OrleansBank.Runtime;

/// <summary>The identity of a grain: its grain type and its key, both as strings.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Formats as <c>type/key</c>, the form used in logs and error messages.</summary>
    public override string ToString() => $"{Type}/{Key}";

    internal static string FormatKey(Guid key) => key.ToString("N");

    internal static string FormatKey(long key) => key.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
