using System.Reflection;

namespace OrleansBank.Runtime;

/// <summary>
/// Builds the value of grain constructor parameters marked with <typeparamref name="TAttribute"/>; register one in the
/// silo's services per facet attribute, so a subsystem (persistence, reminders...) adds a facet without the runtime's
/// activation code knowing it.
/// </summary>
/// <typeparam name="TAttribute">The facet attribute this mapper understands.</typeparam>
public interface IAttributeToFactoryMapper<in TAttribute>
    where TAttribute : Attribute, IFacetMetadata
{
    /// <summary>
    /// Called once per marked parameter when the silo inspects its grain classes; throws if the parameter cannot take
    /// this facet. The factory it returns runs on the activation's scheduler each time the grain is constructed.
    /// </summary>
    /// <param name="parameter">The constructor parameter, with its type and declaring grain class.</param>
    /// <param name="attribute">The attribute on that parameter.</param>
    Func<IGrainContext, object> GetFactory(ParameterInfo parameter, TAttribute attribute);
}
