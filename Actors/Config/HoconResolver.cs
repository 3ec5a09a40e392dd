namespace ActorEcho.Configuration;

/// <summary>
/// Replaces every substitution with the value it names in the merged root. Each node is resolved once;
/// a node met again while it is still being resolved is a cycle.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject root;
    private readonly Func<string, string?> environment;
    private readonly Dictionary<HoconValue, HoconValue?> done = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> resolving = new(ReferenceEqualityComparer.Instance);
    private readonly List<(HoconValue Node, string[] Path)> inProgress = [];

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        this.root = root;
        this.environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        (HoconObject)new HoconResolver(root, environment).ResolveAt(root, [])!;

    /// <summary>
    /// While a field's value is resolved, a substitution of the field's own path (or a path under it)
    /// means the value the field had before this definition: that is what makes <c>a = ${a} [x]</c> work.
    /// </summary>
    private sealed record Frame(string[] SelfPath, HoconValue? Beneath);

    /// <summary>Resolves the node found in the tree at <paramref name="path"/>; null means it is undefined.</summary>
    private HoconValue? ResolveAt(HoconValue node, string[] path)
    {
        if (node is HoconScalar)
        {
            return node;
        }

        if (done.TryGetValue(node, out var result))
        {
            return result;
        }

        if (!resolving.Add(node))
        {
            throw Cycle(node, path);
        }

        inProgress.Add((node, path));
        result = node switch
        {
            HoconObject obj => ResolveObject(obj, path),
            HoconMergeStack stack => ResolveStack(stack, path),
            _ => ResolveIn(node, path, new Frame(path, null)),
        };
        inProgress.RemoveAt(inProgress.Count - 1);
        resolving.Remove(node);
        done[node] = result;
        return result;
    }

    private ConfigException Cycle(HoconValue node, string[] path)
    {
        var start = inProgress.FindIndex(entry => ReferenceEquals(entry.Node, node));
        var keys = inProgress.Skip(start).Select(entry => HoconPath.Render(entry.Path)).Append(HoconPath.Render(path));
        return ConfigException.AtPath(HoconPath.Render(path), $"substitution cycle: {string.Join(" -> ", keys)}", node.Origin);
    }

    /// <summary>Returns <paramref name="obj"/> itself when nothing under it changed, which is the common case.</summary>
    private HoconObject ResolveObject(HoconObject obj, string[] path)
    {
        HoconObject? result = null;
        var keys = obj.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var child = obj[key];
            var value = child is HoconScalar ? child : ResolveAt(child, [.. path, key]);
            if (result is null && ReferenceEquals(value, child))
            {
                continue;
            }

            if (result is null)
            {
                result = new HoconObject(obj.Origin);
                for (var j = 0; j < i; j++)
                {
                    result.Set(keys[j], obj[keys[j]]);
                }
            }

            if (value is not null)
            {
                // An undefined ${?x} leaves the field unset.
                result.Set(key, value);
            }
        }

        return result ?? obj;
    }

    private HoconValue? ResolveStack(HoconMergeStack stack, string[] path)
    {
        HoconValue? beneath = null;
        foreach (var layer in stack.Layers)
        {
            var value = layer is HoconObject obj ? ResolveObject(obj, path) : ResolveIn(layer, path, new Frame(path, beneath));
            if (value is null)
            {
                // An undefined optional substitution keeps whatever was there before.
                continue;
            }

            beneath = beneath is HoconObject && value is HoconObject ? HoconMerge.Over(value, beneath) : value;
        }

        return beneath;
    }

    /// <summary>Resolves part of one field's value, where self-references go to <paramref name="frame"/>.</summary>
    private HoconValue? ResolveIn(HoconValue node, string[] path, Frame frame)
    {
        switch (node)
        {
            case HoconScalar or HoconSpace:
                return node;
            case HoconObject obj:
                return ResolveObject(obj, path);
            case HoconMergeStack stack:
                return ResolveStack(stack, path);
            case HoconSubstitution substitution:
                return Substitute(substitution, path, frame);
            case HoconArray array:
                if (array.IsResolved)
                {
                    return array;
                }

                var items = new List<HoconValue>(array.Items.Count);
                foreach (var item in array.Items)
                {
                    if (ResolveIn(item, path, frame) is { } resolved)
                    {
                        items.Add(resolved);
                    }
                }

                return new HoconArray(items, array.Origin);
            case HoconConcatenation concatenation:
                var parts = concatenation.Parts.Select(part => ResolveIn(part, path, frame)).ToList();
                return HoconConcat.Join(parts, concatenation.Origin, HoconPath.Render(path));
            default:
                throw new InvalidOperationException($"unexpected node {node.GetType().Name}");
        }
    }

    private HoconValue? Substitute(HoconSubstitution substitution, string[] path, Frame frame)
    {
        if (substitution.IncludePrefix.Length > 0 && Lookup([.. substitution.IncludePrefix, .. substitution.Path], frame) is { } relative)
        {
            return relative;
        }

        if (Lookup(substitution.Path, frame) is { } found)
        {
            return found;
        }

        var name = HoconPath.Render(substitution.Path);
        if (environment(string.Join('.', substitution.Path)) is { } variable)
        {
            return new HoconScalar(ScalarKind.String, variable, substitution.Origin);
        }

        return substitution.Optional
            ? null
            : throw ConfigException.AtPath(HoconPath.Render(path), $"could not resolve substitution ${{{name}}}: no such setting and no environment variable of that name", substitution.Origin);
    }

    private HoconValue? Lookup(string[] target, Frame frame)
    {
        if (StartsWith(target, frame.SelfPath))
        {
            return Descend(frame.Beneath, target, frame.SelfPath.Length);
        }

        HoconValue current = root;
        for (var i = 0; i < target.Length; i++)
        {
            if (current is not HoconObject obj || !obj.TryGet(target[i], out var child))
            {
                return null;
            }

            if (i == target.Length - 1)
            {
                return ResolveAt(child, target[..(i + 1)]);
            }

            // Walk unresolved objects as they are, so that looking up a.b does not resolve all of a.
            if (child is HoconObject)
            {
                current = child;
            }
            else if (ResolveAt(child, target[..(i + 1)]) is { } resolved)
            {
                current = resolved;
            }
            else
            {
                return null;
            }
        }

        return null;
    }

    private static HoconValue? Descend(HoconValue? value, string[] target, int from)
    {
        for (var i = from; i < target.Length && value is not null; i++)
        {
            value = value is HoconObject obj && obj.TryGet(target[i], out var child) ? child : null;
        }

        return value;
    }

    private static bool StartsWith(string[] path, string[] prefix)
    {
        if (path.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (path[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
