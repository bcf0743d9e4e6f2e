namespace OrleansBank.Runtime;

/// <summary>
/// Marks an attribute on a grain constructor parameter as a facet: the runtime fills that parameter with what the
/// registered <see cref="IAttributeToFactoryMapper{TAttribute}"/> for the attribute builds, not from the services.
/// </summary>
public interface IFacetMetadata;
