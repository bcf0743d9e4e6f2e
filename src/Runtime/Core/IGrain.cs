namespace OrleansBank.Runtime;

/// <summary>Marker for anything that has a grain identity: grain references and grains.</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain addressed by a string key.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain addressed by a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain addressed by an integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;
