using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>
/// Exceptions cross the wire as type name, message and stack trace. The reader rebuilds the same type when it
/// knows it, so callers can catch it as usual; otherwise it gets a <see cref="RemoteException"/> naming the type.
/// </summary>
internal sealed class ExceptionCodec<T> : Codec<T>
    where T : Exception
{
    private static readonly FieldInfo MessageField =
        typeof(Exception).GetField("_message", BindingFlags.Instance | BindingFlags.NonPublic)!;

    protected override void WriteValue(WireWriter writer, T value)
    {
        writer.WriteTag(WireType.Exception);
        var type = value.GetType();
        writer.WriteStringPayload($"{type.FullName}, {type.Assembly.GetName().Name}");
        writer.WriteStringPayload(value.Message);
        writer.WriteStringPayload(value.StackTrace ?? "");
    }

    protected override T ReadValue(ref WireReader reader, WireType tag)
    {
        if (tag != WireType.Exception)
        {
            throw Unexpected(tag, typeof(T));
        }

        var typeName = reader.ReadStringPayload();
        var message = reader.ReadStringPayload();
        var stackTrace = reader.ReadStringPayload();
        var exception = Rebuild(typeName, message);
        if (stackTrace.Length > 0)
        {
            ExceptionDispatchInfo.SetRemoteStackTrace(exception, stackTrace);
        }

        return exception as T ?? throw new ProtocolException($"Expected an exception of type {typeof(T).Name}, got {typeName}.");
    }

    private static Exception Rebuild(string typeName, string message)
    {
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.IsAbstract)
        {
            return new RemoteException(typeName, message);
        }

        // Only exception types are ever instantiated from a name that came over the wire, and without running
        // constructors whose parameters are not a message (AccountNotOpenException(accountId) would garble it).
        var withMessage = type.GetConstructor([typeof(string)]);
        if (withMessage?.GetParameters()[0].Name == "message")
        {
            return (Exception)withMessage.Invoke([message]);
        }

        var exception = (Exception)RuntimeHelpers.GetUninitializedObject(type);
        MessageField.SetValue(exception, message);
        if (exception is DeadlockException)
        {
            DeadlockChainField.SetValue(exception, DeadlockChain(message));
        }

        return exception;
    }

    private static readonly FieldInfo DeadlockChainField =
        typeof(DeadlockException).GetField($"<{nameof(DeadlockException.CallChain)}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>
    /// A deadlock found on another silo keeps its chain: the message names it (see <see cref="DeadlockException"/>),
    /// so the caller can read <see cref="DeadlockException.CallChain"/> as if the cycle were found here.
    /// </summary>
    private static string[] DeadlockChain(string message)
    {
        const string Start = "the call chain ";
        const string End = " returns to ";
        var from = message.IndexOf(Start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : message.IndexOf(End, from, StringComparison.Ordinal);
        return to < 0 ? [] : message[(from + Start.Length)..to].Split(" -> ");
    }
}
