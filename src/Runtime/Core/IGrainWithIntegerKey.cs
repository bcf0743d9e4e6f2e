namespace OrleansBank.Runtime;

/// <summary>A grain addressed by an integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;
