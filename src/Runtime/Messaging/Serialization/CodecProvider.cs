using System.Collections.Concurrent;
using System.Linq.Expressions;

namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>Finds or builds the codec for a declared type; each is built once for the process.</summary>
internal static class CodecProvider
{
    private static readonly ConcurrentDictionary<Type, Codec> Codecs = new(new Dictionary<Type, Codec>
    {
        [typeof(bool)] = new BoolCodec(),
        [typeof(sbyte)] = new SignedCodec<sbyte>(),
        [typeof(short)] = new SignedCodec<short>(),
        [typeof(int)] = new SignedCodec<int>(),
        [typeof(long)] = new SignedCodec<long>(),
        [typeof(byte)] = new UnsignedCodec<byte>(),
        [typeof(ushort)] = new UnsignedCodec<ushort>(),
        [typeof(uint)] = new UnsignedCodec<uint>(),
        [typeof(ulong)] = new UnsignedCodec<ulong>(),
        [typeof(char)] = new CharCodec(),
        [typeof(float)] = new SingleCodec(),
        [typeof(double)] = new DoubleCodec(),
        [typeof(decimal)] = new DecimalCodec(),
        [typeof(string)] = new StringCodec(),
        [typeof(byte[])] = new ByteArrayCodec(),
        [typeof(Guid)] = new GuidCodec(),
        [typeof(TimeSpan)] = new TimeSpanCodec(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetCodec(),
        [typeof(DateTime)] = new DateTimeCodec(),
    });

    private static readonly Type[] ListShapes =
        [typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>), typeof(IEnumerable<>)];

    private static readonly Type[] MapShapes =
        [typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    public static Codec Get(Type type) => Codecs.GetOrAdd(type, Build);

    public static Codec<T> Get<T>() => (Codec<T>)Get(typeof(T));

    private static Codec Build(Type type)
    {
        if (type.IsEnum)
        {
            return Create(typeof(EnumCodec<>), [type], EnumConverter(type, toInt64: true), EnumConverter(type, toInt64: false));
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Create(typeof(NullableCodec<>), [underlying], Get(underlying));
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            return type.GetArrayRank() == 1
                ? Create(typeof(ArrayCodec<>), [element], Lazy(element))
                : throw new NotSupportedException($"Multi-dimensional arrays ({type.Name}) cannot be serialized.");
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (ListShapes.Contains(definition))
            {
                return Create(typeof(ListCodec<,>), [type, arguments[0]], Lazy(arguments[0]));
            }

            if (MapShapes.Contains(definition))
            {
                return Create(typeof(DictionaryCodec<,,>), [type, arguments[0], arguments[1]], Lazy(arguments[0]), Lazy(arguments[1]));
            }
        }

        if (typeof(Exception).IsAssignableFrom(type))
        {
            return Create(typeof(ExceptionCodec<>), [type]);
        }

        if (type == typeof(object) || type.IsInterface || type.IsAbstract || type.IsPointer || typeof(Delegate).IsAssignableFrom(type))
        {
            throw new NotSupportedException(
                $"Values declared as {type.Name} cannot be serialized: declare a concrete record, class, collection or primitive type.");
        }

        return Create(typeof(ObjectCodec<>), [type]);
    }

    private static Codec Create(Type definition, Type[] arguments, params object[] constructorArguments) =>
        (Codec)Activator.CreateInstance(definition.MakeGenericType(arguments), constructorArguments)!;

    /// <summary>A typed, deferred lookup of an element codec: collections of a type that contains them still build.</summary>
    private static object Lazy(Type element) =>
        typeof(CodecProvider).GetMethod(nameof(Deferred), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(element)
            .Invoke(null, null)!;

    private static Func<Codec<T>> Deferred<T>()
    {
        Codec<T>? codec = null;
        return () => codec ??= Get<T>();
    }

    private static Delegate EnumConverter(Type enumType, bool toInt64)
    {
        var parameter = Expression.Parameter(toInt64 ? enumType : typeof(long));
        var underlying = Enum.GetUnderlyingType(enumType);
        Expression body = toInt64
            ? Expression.Convert(Expression.Convert(parameter, underlying), typeof(long))
            : Expression.Convert(Expression.Convert(parameter, underlying), enumType);
        var delegateType = toInt64 ? typeof(Func<,>).MakeGenericType(enumType, typeof(long)) : typeof(Func<,>).MakeGenericType(typeof(long), enumType);
        return Expression.Lambda(delegateType, body, parameter).Compile();
    }
}
