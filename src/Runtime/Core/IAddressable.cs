namespace OrleansBank.Runtime;

/// <summary>Marker for anything that has a grain identity: grain references and grains.</summary>
public interface IAddressable;
