namespace OrleansBank.Silo.Dashboard;

/// <summary>One grain method as the metrics tag it: grain type on the wire (e.g. "account") and interface method name.</summary>
internal readonly record struct GrainMethod(string Type, string Method);
