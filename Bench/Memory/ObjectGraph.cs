using System.Reflection;
using System.Runtime.CompilerServices;

namespace ActorEcho.Bench.Memory;

/// <summary>
/// The objects reachable from some roots, found by reading fields with reflection (a heap census without a
/// dump tool). Objects the boundary predicate picks are recorded but neither counted nor entered: that is how
/// a walk from one connection stops at the system, its parent and every other actor. A struct is entered
/// through its fields but not counted, since it lives inside its holder.
/// </summary>
internal sealed class ObjectGraph(Func<object, bool> isBoundary)
{
    private static readonly Dictionary<Type, FieldInfo[]> FieldCache = new();
    private static readonly Dictionary<Type, bool> ReferenceCache = new();

    private readonly Stack<object> _pending = new();

    /// <summary>Every object reached and counted.</summary>
    public HashSet<object> Objects { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Boundary objects met on the way, not entered.</summary>
    public HashSet<object> Boundary { get; } = new(ReferenceEqualityComparer.Instance);

    public ObjectGraph Walk(object root)
    {
        Visit(root);
        while (_pending.TryPop(out var current)) Enter(current);
        return this;
    }

    /// <summary>Metadata and runtime machinery shared by everything; never attributed to a connection.</summary>
    public static bool IsRuntimeInfrastructure(object value) =>
        value is MemberInfo or Assembly or Module or Thread or ExecutionContext or SynchronizationContext or TaskScheduler
        || value.GetType().FullName == "System.Net.Sockets.SocketAsyncEngine";

    private void Visit(object? value)
    {
        if (value is null || Objects.Contains(value) || Boundary.Contains(value)) return;
        if (isBoundary(value))
        {
            Boundary.Add(value);
            return;
        }

        Objects.Add(value);
        _pending.Push(value);
    }

    private void Enter(object value)
    {
        if (value is string) return;
        if (value is Array array)
        {
            var element = array.GetType().GetElementType()!;
            if (!ContainsReferences(element)) return;
            foreach (var item in array)
            {
                if (element.IsValueType) EnterStruct(item);
                else Visit(item);
            }

            return;
        }

        EnterFields(value);
    }

    private void EnterStruct(object? boxed)
    {
        if (boxed is not null) EnterFields(boxed);
    }

    private void EnterFields(object holder)
    {
        foreach (var field in FieldsOf(holder.GetType()))
        {
            var value = field.GetValue(holder);
            if (field.FieldType.IsValueType) EnterStruct(value); // a copy in a box: walked, not counted
            else Visit(value);
        }
    }

    /// <summary>Instance fields that may hold references, the base types' private ones included.</summary>
    private static FieldInfo[] FieldsOf(Type type)
    {
        lock (FieldCache)
        {
            if (FieldCache.TryGetValue(type, out var cached)) return cached;
            var fields = new List<FieldInfo>();
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (ContainsReferences(field.FieldType)) fields.Add(field);
                }
            }

            return FieldCache[type] = [.. fields];
        }
    }

    private static bool ContainsReferences(Type type)
    {
        if (type.IsPointer || type.IsFunctionPointer || type.IsPrimitive || type.IsEnum) return false;
        if (!type.IsValueType) return true;
        lock (ReferenceCache)
        {
            if (ReferenceCache.TryGetValue(type, out var known)) return known;
            ReferenceCache[type] = false; // a struct cannot contain itself; this only stops the recursion
            var contains = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(f => ContainsReferences(f.FieldType));
            return ReferenceCache[type] = contains;
        }
    }

    /// <summary>Objects grouped by type, largest total first.</summary>
    public static IReadOnlyList<(string Type, int Count, long Bytes)> Census(IEnumerable<object> objects) =>
        objects.GroupBy(o => o.GetType())
            .Select(g => (Name(g.Key), g.Count(), g.Sum(ObjectSize.Of)))
            .OrderByDescending(row => row.Item3)
            .ToList();

    private static string Name(Type type)
    {
        if (type.IsArray) return Name(type.GetElementType()!) + "[]";
        var name = ShortName(type);
        // A nested type's generic arguments include its declaring type's, so they are printed once, at the end.
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType) name = ShortName(outer) + "." + name;
        if (type.IsGenericType) name += "<" + string.Join(",", type.GetGenericArguments().Select(Name)) + ">";
        return type.IsDefined(typeof(CompilerGeneratedAttribute)) ? $"{name} (compiler-generated)" : name;
    }

    private static string ShortName(Type type)
    {
        var tick = type.Name.IndexOf('`');
        return tick < 0 ? type.Name : type.Name[..tick];
    }
}
