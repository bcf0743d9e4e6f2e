using System.Linq.Expressions;
using System.Reflection;

namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>
/// Records and classes: public properties as (field id, value) pairs. Fields a reader does not know are skipped and
/// fields it misses keep their defaults, so peers one version apart still understand each other.
/// Accessors and the constructor are compiled once per type.
/// </summary>
internal sealed class ObjectCodec<T> : Codec<T>
{
    private readonly Field[] _fields;
    private readonly Dictionary<uint, Field> _byId;
    private readonly Func<object?[], T> _create;
    private readonly object?[] _constructorDefaults;

    public ObjectCodec()
    {
        var type = typeof(T);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray();
        var constructor = ChooseConstructor(type, properties);
        var parameters = constructor?.GetParameters() ?? [];
        _constructorDefaults = parameters.Select(DefaultFor).ToArray();

        var fields = new List<Field>();
        foreach (var property in properties)
        {
            var ctorIndex = Array.FindIndex(parameters, p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            var setter = property.SetMethod is { IsPublic: true } ? CompileSetter(property) : null;
            if (ctorIndex < 0 && setter is null)
            {
                continue; // computed, read-only: not part of the data
            }

            var id = property.GetCustomAttribute<IdAttribute>()?.Id ?? FieldIds.FromName(property.Name);
            fields.Add(new Field(id, property.Name, property.PropertyType, CompileGetter(property), setter, ctorIndex));
        }

        _fields = [.. fields];
        _byId = [];
        foreach (var field in _fields)
        {
            if (!_byId.TryAdd(field.Id, field))
            {
                throw new NotSupportedException(
                    $"{type.Name}: properties {_byId[field.Id].Name} and {field.Name} have the same field id {field.Id}; give one an [Id].");
            }
        }

        _create = CompileConstructor(type, constructor, parameters);
    }

    protected override void WriteValue(WireWriter writer, T value)
    {
        writer.WriteTag(WireType.Object);
        foreach (var field in _fields)
        {
            var fieldValue = field.Get(value!);
            if (fieldValue is null)
            {
                continue; // absent means default
            }

            writer.WriteUVarInt(field.Id);
            field.Codec.Write(writer, fieldValue);
        }

        writer.WriteUVarInt(0);
    }

    protected override T ReadValue(ref WireReader reader, WireType tag)
    {
        if (tag != WireType.Object)
        {
            throw Unexpected(tag, typeof(T));
        }

        reader.Enter();
        var args = (object?[])_constructorDefaults.Clone();
        List<(Field Field, object? Value)>? assignments = null;
        uint id;
        while ((id = checked((uint)Math.Min(reader.ReadUVarInt(), uint.MaxValue))) != 0)
        {
            var valueTag = reader.ReadTag();
            if (!_byId.TryGetValue(id, out var field))
            {
                reader.Skip(valueTag);
                continue;
            }

            var value = field.Codec.Read(ref reader, valueTag);
            if (field.ConstructorIndex >= 0)
            {
                args[field.ConstructorIndex] = value ?? _constructorDefaults[field.ConstructorIndex];
            }
            else
            {
                (assignments ??= []).Add((field, value));
            }
        }

        reader.Exit();
        T result;
        try
        {
            result = _create(args);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ProtocolException($"The values received do not make a valid {typeof(T).Name}: {ex.Message}");
        }

        if (assignments is not null)
        {
            foreach (var (field, value) in assignments)
            {
                field.Set!(result!, value);
            }
        }

        return result;
    }

    private static ConstructorInfo? ChooseConstructor(Type type, PropertyInfo[] properties)
    {
        var constructors = type.GetConstructors();
        var parameterless = constructors.FirstOrDefault(c => c.GetParameters().Length == 0);
        if (parameterless is not null || type.IsValueType && constructors.Length == 0)
        {
            return parameterless;
        }

        var names = properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return constructors
            .Where(c => c.GetParameters().All(p => names.Contains(p.Name!)))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new NotSupportedException(
                $"{type.Name} cannot be serialized: it needs a parameterless constructor or one whose parameters match its properties.");
    }

    private static object? DefaultFor(ParameterInfo parameter) =>
        parameter.HasDefaultValue && parameter.DefaultValue is not null
            ? parameter.DefaultValue
            : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null;

    private static Func<object, object?> CompileGetter(PropertyInfo property)
    {
        var target = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(target, property.DeclaringType!), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, target).Compile();
    }

    private static Action<object, object?> CompileSetter(PropertyInfo property)
    {
        var target = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(object));
        var body = Expression.Assign(
            Expression.Property(Expression.Convert(target, property.DeclaringType!), property),
            Expression.Convert(value, property.PropertyType));
        return Expression.Lambda<Action<object, object?>>(body, target, value).Compile();
    }

    private static Func<object?[], T> CompileConstructor(Type type, ConstructorInfo? constructor, ParameterInfo[] parameters)
    {
        var args = Expression.Parameter(typeof(object?[]));
        Expression create = constructor is null
            ? Expression.New(type)
            : Expression.New(constructor, parameters.Select((p, i) =>
                Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        return Expression.Lambda<Func<object?[], T>>(create, args).Compile();
    }

    private sealed class Field(uint id, string name, Type type, Func<object, object?> get, Action<object, object?>? set, int constructorIndex)
    {
        private Codec? _codec;

        public uint Id { get; } = id;

        public string Name { get; } = name;

        public Func<object, object?> Get { get; } = get;

        public Action<object, object?>? Set { get; } = set;

        public int ConstructorIndex { get; } = constructorIndex;

        // Resolved on first use, so a type may contain itself.
        public Codec Codec => _codec ??= CodecProvider.Get(type);
    }
}
