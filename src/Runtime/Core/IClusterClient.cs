namespace OrleansBank.Runtime;

/// <summary>A client of the cluster: a grain factory usable from outside grain code.</summary>
public interface IClusterClient : IGrainFactory;
