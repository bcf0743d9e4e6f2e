using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// Fills a <c>[PersistentLog]</c> constructor parameter with the grain's event log, bound to its named storage; a log
/// whose write failed deactivates its activation, since the grain's memory is then ahead of the store.
/// </summary>
internal sealed class PersistentLogAttributeMapper : IAttributeToFactoryMapper<PersistentLogAttribute>
{
    public Func<IGrainContext, object> GetFactory(ParameterInfo parameter, PersistentLogAttribute attribute)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentLog<>))
        {
            throw new InvalidOperationException(
                $"{parameter.Member.DeclaringType!.Name}: parameter '{parameter.Name}' has [PersistentLog] but is not IPersistentLog<TEvent>.");
        }

        var storageName = attribute.StorageName ?? GrainStorage.DefaultProviderName;
        var logName = attribute.LogName;
        var logClass = typeof(PersistentLog<>).MakeGenericType(type.GetGenericArguments()[0]);
        return context =>
        {
            Action<Exception> onBroken = error => context.Deactivate(
                new DeactivationReason(DeactivationReasonCode.StorageFailed, $"a write of log '{logName}' failed: {error.Message}"));
            var services = context.Services;
            var options = services.GetService<IOptions<EventLogOptions>>()?.Value ?? new EventLogOptions();
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger(logClass) ?? NullLogger.Instance;
            return Activator.CreateInstance(
                logClass, logName, context.GrainId, services.GetRequiredKeyedService<IEventLogStorage>(storageName), onBroken, options, logger)!;
        };
    }
}
