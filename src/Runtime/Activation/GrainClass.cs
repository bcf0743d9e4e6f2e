using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Runtime.Activation;

/// <summary>A grain implementation class and how to construct it, inspected once at silo start.</summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly Func<IServiceProvider, GrainId, object>[] _arguments;

    public GrainClass(Type type)
    {
        Type = type;
        GrainType = type.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.GrainType ?? DefaultGrainType(type);
        IsReentrant = type.IsDefined(typeof(ReentrantAttribute), inherit: true);
        CollectionAge = type.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.AgeLimit;
        var constructors = type.GetConstructors();
        _constructor = constructors.Length == 1
            ? constructors[0]
            : throw new InvalidOperationException($"Grain class {type.FullName} must have exactly one public constructor.");
        var parameters = _constructor.GetParameters();
        _arguments = parameters.Select(ArgumentFactory).ToArray();
        StorageNames = ProviderNames<PersistentStateAttribute>(parameters, a => a.StorageName);
        LogStorageNames = ProviderNames<PersistentLogAttribute>(parameters, a => a.StorageName);
    }

    public Type Type { get; }

    public string GrainType { get; }

    public bool IsReentrant { get; }

    public TimeSpan? CollectionAge { get; }

    /// <summary>The storage providers this class needs for <see cref="IPersistentState{T}"/>; checked at start-up.</summary>
    public IReadOnlyList<string> StorageNames { get; }

    /// <summary>The storage providers this class needs for <see cref="IPersistentLog{TEvent}"/>; checked at start-up.</summary>
    public IReadOnlyList<string> LogStorageNames { get; }

    public IEnumerable<Type> GrainInterfaces => Type.GetInterfaces()
        .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain)
            && i != typeof(IGrainWithStringKey) && i != typeof(IGrainWithGuidKey) && i != typeof(IGrainWithIntegerKey));

    /// <summary>Creates the grain instance; persistent states it asks for are returned to be loaded before activation.</summary>
    public object Create(IServiceProvider services, GrainId grainId, List<IActivationStateLoader> states)
    {
        var args = new object?[_arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = _arguments[i](services, grainId);
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

    private static string[] ProviderNames<TAttribute>(ParameterInfo[] parameters, Func<TAttribute, string?> storageName)
        where TAttribute : Attribute =>
        parameters
            .Select(p => p.GetCustomAttribute<TAttribute>())
            .OfType<TAttribute>()
            .Select(a => storageName(a) ?? GrainStorage.DefaultProviderName)
            .Distinct()
            .ToArray();

    private static string DefaultGrainType(Type type)
    {
        var name = type.Name.EndsWith("Grain", StringComparison.Ordinal) && type.Name.Length > 5 ? type.Name[..^5] : type.Name;
        return name.ToLowerInvariant();
    }

    private Func<IServiceProvider, GrainId, object> ArgumentFactory(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<PersistentLogAttribute>() is { } log)
        {
            return LogFactory(parameter, log);
        }

        var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (attribute is null)
        {
            var serviceType = parameter.ParameterType;
            return parameter.HasDefaultValue
                ? (services, _) => services.GetService(serviceType) ?? parameter.DefaultValue!
                : (services, _) => services.GetRequiredService(serviceType);
        }

        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException(
                $"{Type.Name}: parameter '{parameter.Name}' has [PersistentState] but is not IPersistentState<T>.");
        }

        var stateType = type.GetGenericArguments()[0];
        if (stateType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"{Type.Name}: state type {stateType.Name} needs a public parameterless constructor.");
        }

        var storageName = attribute.StorageName ?? GrainStorage.DefaultProviderName;
        var stateName = attribute.StateName;
        var stateClass = typeof(PersistentState<>).MakeGenericType(stateType);
        return (services, grainId) => Activator.CreateInstance(
            stateClass, stateName, grainId, services.GetRequiredKeyedService<IGrainStorage>(storageName))!;
    }

    private Func<IServiceProvider, GrainId, object> LogFactory(ParameterInfo parameter, PersistentLogAttribute attribute)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentLog<>))
        {
            throw new InvalidOperationException(
                $"{Type.Name}: parameter '{parameter.Name}' has [PersistentLog] but is not IPersistentLog<TEvent>.");
        }

        var storageName = attribute.StorageName ?? GrainStorage.DefaultProviderName;
        var logName = attribute.LogName;
        var logClass = typeof(PersistentLog<>).MakeGenericType(type.GetGenericArguments()[0]);
        return (services, grainId) =>
        {
            var activation = ActivationData.Constructing!;
            Action<Exception> onBroken = error => activation.TryDeactivate(
                new DeactivationReason(DeactivationReasonCode.StorageFailed, $"a write of log '{logName}' failed: {error.Message}"));
            return Activator.CreateInstance(
                logClass, logName, grainId, services.GetRequiredKeyedService<IEventLogStorage>(storageName), onBroken)!;
        };
    }
}
