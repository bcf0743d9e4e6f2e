using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace OrleansBank.Runtime.Messaging;

/// <summary>The callable shape of a grain interface, built once per interface and cached for the process.</summary>
internal sealed class GrainInterface
{
    private static readonly ConcurrentDictionary<Type, GrainInterface> Cache = new();
    private static readonly HashSet<Type> MarkerInterfaces =
    [
        typeof(IAddressable), typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey),
    ];

    private readonly Dictionary<MethodInfo, GrainInterfaceMethod> _byMethodInfo;
    private readonly Dictionary<uint, GrainInterfaceMethod> _byId;

    private GrainInterface(Type type)
    {
        Type = type;
        Name = type.Name;
        var methods = new[] { type }.Concat(type.GetInterfaces())
            .Where(i => !MarkerInterfaces.Contains(i))
            .SelectMany(i => i.GetMethods(BindingFlags.Public | BindingFlags.Instance)) // a static member is no grain method
            .OrderBy(Signature, StringComparer.Ordinal)
            .ToArray();
        Methods = methods.Select(m => Build(this, m, MethodId(m))).ToArray();
        _byMethodInfo = Methods.ToDictionary(m => m.Method);
        _byId = [];
        foreach (var method in Methods)
        {
            if (!_byId.TryAdd(method.Id, method))
            {
                throw new InvalidOperationException($"{Name}.{method.Name} and {Name}.{_byId[method.Id].Name} hash to the same method id: rename one.");
            }
        }

        Generated = GrainReferenceRegistry.Attach(this);
    }

    public Type Type { get; }

    public string Name { get; }

    public IReadOnlyList<GrainInterfaceMethod> Methods { get; }

    /// <summary>The interface's generated reference and requests; null when its project has no generated code.</summary>
    public GeneratedGrainInterface? Generated { get; }

    public static GrainInterface For(Type interfaceType) => Cache.GetOrAdd(interfaceType, static t =>
    {
        if (!t.IsInterface || !typeof(IGrain).IsAssignableFrom(t))
        {
            throw new ArgumentException($"{t.FullName} is not a grain interface: it must be an interface that extends IGrain.");
        }

        return new GrainInterface(t);
    });

    public GrainInterfaceMethod GetMethod(MethodInfo method) =>
        _byMethodInfo.TryGetValue(method, out var m)
            ? m
            : throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} is not a method of grain interface {Name}.");

    public bool TryGetMethod(uint id, out GrainInterfaceMethod? method) => _byId.TryGetValue(id, out method);

    /// <summary>A method's id on the wire: a hash of its name and parameter types, the same in every process.</summary>
    private static uint MethodId(MethodInfo m) => Serialization.FieldIds.FromName(
        $"{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.FullName))})");

    private static string Signature(MethodInfo m) =>
        $"{m.DeclaringType!.FullName}.{m.Name}({string.Join(",", m.GetParameters().Select(p => p.ParameterType.FullName))})";

    private static GrainInterfaceMethod Build(GrainInterface owner, MethodInfo method, uint id)
    {
        var where = $"{owner.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new InvalidOperationException($"{where}: generic grain methods are not supported.");
        }

        var parameters = method.GetParameters();
        if (parameters.Any(p => p.ParameterType.IsByRef))
        {
            throw new InvalidOperationException($"{where}: ref and out parameters are not supported in grain methods.");
        }

        var resultType = method.ReturnType == typeof(Task) ? typeof(void)
            : method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                ? method.ReturnType.GetGenericArguments()[0]
                : throw new InvalidOperationException($"{where} returns {method.ReturnType.Name}: grain methods must return Task or Task<T>.");

        return new GrainInterfaceMethod
        {
            InterfaceType = owner.Type,
            Id = id,
            Method = method,
            ParameterTypes = parameters.Select(p => p.ParameterType).ToArray(),
            ResultType = resultType,
            IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute)),
            IsAlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute)),
            Timeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout,
            Invoke = CompileInvoker(method, parameters),
            GetResult = resultType == typeof(void) ? static _ => null : CreateGeneric<Func<Task, object?>>(nameof(ReadResult), resultType),
            CreatePendingCall = resultType == typeof(void)
                ? static () => new PendingCall<object?>()
                : CreateGeneric<Func<IPendingCall>>(nameof(NewPendingCall), resultType),
        };
    }

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method, ParameterInfo[] parameters)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, method.DeclaringType!),
            method,
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        return Expression.Lambda<Func<object, object?[], Task>>(call, grain, args).Compile();
    }

    private static TDelegate CreateGeneric<TDelegate>(string name, Type typeArgument)
        where TDelegate : Delegate =>
        typeof(GrainInterface).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeArgument)
            .CreateDelegate<TDelegate>();

    private static object? ReadResult<T>(Task task) => ((Task<T>)task).Result;

    private static IPendingCall NewPendingCall<T>() => new PendingCall<T>();
}
