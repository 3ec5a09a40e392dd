using System.Text;

namespace ActorEcho.Kernel;

/// <summary>
/// Where an actor lives in its system's tree, e.g. <c>actor://echo/user/listener/conn-1</c>. Two paths are
/// equal when their system and element names are equal; a restarted actor keeps its path.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
    }

    public string SystemName { get; }

    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    internal static ActorPath Root(string systemName) => new(systemName, null, "");

    public ActorPath Child(string name) => new(SystemName, this, name);

    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);

    /// <summary>The path without the system address, e.g. <c>/user/listener</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null) return "/";
        var elements = new Stack<string>();
        for (var p = this; p.Parent is not null; p = p.Parent) elements.Push(p.Name);
        var builder = new StringBuilder();
        foreach (var element in elements) builder.Append('/').Append(element);
        return builder.ToString();
    }

    public override string ToString() => _text ??= $"actor://{SystemName}{ToStringWithoutAddress()}";

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Name != other.Name || SystemName != other.SystemName) return false;
        return Equals(Parent, other.Parent);
    }

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => HashCode.Combine(Name, Parent?.GetHashCode() ?? SystemName.GetHashCode());
}
