using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Runtime.Activation;

/// <summary>A grain implementation class and how to construct it, inspected once at silo start.</summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IGrainContext, object>[] _arguments;

    /// <param name="type">The grain class.</param>
    /// <param name="services">The silo's services, where facet mappers are found; null for a registry that only maps types.</param>
    public GrainClass(Type type, IServiceProvider? services = null)
    {
        Type = type;
        GrainType = type.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.GrainType ?? DefaultGrainType(type);
        IsReentrant = type.IsDefined(typeof(ReentrantAttribute), inherit: true);
        CollectionAge = type.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.AgeLimit;
        Placement = type.GetCustomAttribute<PlacementAttribute>(inherit: true)?.Strategy ?? PlacementStrategy.Random;
        var constructors = type.GetConstructors();
        _constructor = constructors.Length == 1
            ? constructors[0]
            : throw new InvalidOperationException($"Grain class {type.FullName} must have exactly one public constructor.");
        var parameters = _constructor.GetParameters();
        _arguments = parameters.Select(p => ArgumentFactory(p, services)).ToArray();
        Facets = parameters.SelectMany(p => p.GetCustomAttributes().OfType<IFacetMetadata>()).ToArray();
    }

    public Type Type { get; }

    public string GrainType { get; }

    public bool IsReentrant { get; }

    public TimeSpan? CollectionAge { get; }

    /// <summary>How a cluster places a new activation: from the class's placement attribute, random without one.</summary>
    public PlacementStrategy Placement { get; }

    /// <summary>The facet attributes on the constructor's parameters, in order; the silo checks their stores at start-up.</summary>
    public IReadOnlyList<IFacetMetadata> Facets { get; }

    /// <summary>
    /// The grain interfaces this class alone implements, by which callers find its grain type. IRemindable is not one:
    /// any number of classes implement it, and a tick is addressed by grain id, which already names the type.
    /// </summary>
    public IEnumerable<Type> GrainInterfaces => Type.GetInterfaces()
        .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i != typeof(IRemindable)
            && i != typeof(IGrainWithStringKey) && i != typeof(IGrainWithGuidKey) && i != typeof(IGrainWithIntegerKey));

    /// <summary>True when the class receives reminder ticks.</summary>
    public bool IsRemindable => typeof(IRemindable).IsAssignableFrom(Type);

    /// <summary>Creates the grain instance; states its facets build are added to <paramref name="states"/>, to be loaded before activation.</summary>
    public object Create(IGrainContext context, List<IActivationStateLoader> states)
    {
        var args = new object?[_arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = _arguments[i](context);
            if (args[i] is IActivationStateLoader loader)
            {
                states.Add(loader);
            }
        }

        try
        {
            return _constructor.Invoke(args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private static string DefaultGrainType(Type type)
    {
        var name = type.Name.EndsWith("Grain", StringComparison.Ordinal) && type.Name.Length > 5 ? type.Name[..^5] : type.Name;
        return name.ToLowerInvariant();
    }

    private Func<IGrainContext, object> ArgumentFactory(ParameterInfo parameter, IServiceProvider? services)
    {
        var facets = parameter.GetCustomAttributes().OfType<IFacetMetadata>().ToArray();
        if (facets.Length > 1)
        {
            throw new InvalidOperationException(
                $"{Type.Name}: parameter '{parameter.Name}' has {facets.Length} facet attributes; give it one.");
        }

        if (facets.Length == 1)
        {
            return FacetFactory(parameter, (Attribute)facets[0], services);
        }

        var serviceType = parameter.ParameterType;
        if (serviceType == typeof(IGrainContext))
        {
            // For Grain(IGrainContext): the activation itself, as Orleans gives it.
            return static context => context;
        }

        return parameter.HasDefaultValue
            ? context => context.Services.GetService(serviceType) ?? parameter.DefaultValue!
            : context => context.Services.GetRequiredService(serviceType);
    }

    /// <summary>Asks the facet's registered mapper for the parameter's factory, so this class knows no facet itself.</summary>
    private Func<IGrainContext, object> FacetFactory(ParameterInfo parameter, Attribute attribute, IServiceProvider? services)
    {
        var binder = (IFacetBinder)Activator.CreateInstance(typeof(FacetBinder<>).MakeGenericType(attribute.GetType()))!;
        if (services is not null && binder.TryGetFactory(services, parameter, attribute) is { } factory)
        {
            return factory;
        }

        // Like a missing service, a missing mapper fails the activation, naming what to register; a silo that never
        // activates this grain class is not stopped by it.
        var error = $"{Type.Name}: parameter '{parameter.Name}' has [{attribute.GetType().Name}], but no "
            + $"IAttributeToFactoryMapper<{attribute.GetType().Name}> is registered in the silo's services: register one.";
        return _ => throw new InvalidOperationException(error);
    }

    private interface IFacetBinder
    {
        Func<IGrainContext, object>? TryGetFactory(IServiceProvider services, ParameterInfo parameter, Attribute attribute);
    }

    private sealed class FacetBinder<TAttribute> : IFacetBinder
        where TAttribute : Attribute, IFacetMetadata
    {
        public Func<IGrainContext, object>? TryGetFactory(IServiceProvider services, ParameterInfo parameter, Attribute attribute) =>
            services.GetService<IAttributeToFactoryMapper<TAttribute>>()?.GetFactory(parameter, (TAttribute)attribute);
    }
}
