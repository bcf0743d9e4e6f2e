using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansBank.Runtime.Persistence;

/// <summary>Fills a <c>[PersistentState]</c> constructor parameter with the grain's state, bound to its named storage.</summary>
internal sealed class PersistentStateAttributeMapper : IAttributeToFactoryMapper<PersistentStateAttribute>
{
    public Func<IGrainContext, object> GetFactory(ParameterInfo parameter, PersistentStateAttribute attribute)
    {
        var grainClass = parameter.Member.DeclaringType!.Name;
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException(
                $"{grainClass}: parameter '{parameter.Name}' has [PersistentState] but is not IPersistentState<T>.");
        }

        var stateType = type.GetGenericArguments()[0];
        if (stateType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"{grainClass}: state type {stateType.Name} needs a public parameterless constructor.");
        }

        var storageName = attribute.StorageName ?? GrainStorage.DefaultProviderName;
        var stateName = attribute.StateName;
        var stateClass = typeof(PersistentState<>).MakeGenericType(stateType);
        return context => Activator.CreateInstance(
            stateClass, stateName, context.GrainId, context.Services.GetRequiredKeyedService<IGrainStorage>(storageName))!;
    }
}
