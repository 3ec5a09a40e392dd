namespace ActorEcho.Configuration;

/// <summary>
/// Joins the parts of a value concatenation: strings join with the whitespace written between them,
/// arrays append, objects merge left to right. Mixing kinds is an error.
/// </summary>
internal static class HoconConcat
{
    /// <summary>Joins resolved parts; null parts are undefined optional substitutions and contribute nothing.
    /// Returns null when every part was undefined.</summary>
    public static HoconValue? Join(IReadOnlyList<HoconValue?> parts, ConfigOrigin origin, string path)
    {
        HoconValue? single = null;
        var defined = 0;
        var hasObject = false;
        var hasArray = false;
        var hasText = false;
        foreach (var part in parts)
        {
            if (part is null or HoconSpace)
            {
                continue;
            }

            defined++;
            single = part;
            hasObject |= part is HoconObject;
            hasArray |= part is HoconArray;
            hasText |= part is HoconScalar;
        }

        if (defined == 0)
        {
            return null;
        }

        if ((hasObject ? 1 : 0) + (hasArray ? 1 : 0) + (hasText ? 1 : 0) > 1)
        {
            throw ConfigException.AtPath(path, $"cannot concatenate {Describe(hasObject, hasArray, hasText)}", origin);
        }

        if (hasObject)
        {
            return defined == 1 ? single : MergeObjects(parts);
        }

        if (hasArray)
        {
            return defined == 1 ? single : AppendArrays(parts, origin);
        }

        return defined == 1 && parts.Count == 1 ? single : JoinText(parts, origin);
    }

    private static HoconValue MergeObjects(IReadOnlyList<HoconValue?> parts)
    {
        HoconValue? result = null;
        foreach (var part in parts)
        {
            if (part is HoconObject obj)
            {
                result = result is null ? obj : HoconMerge.Over(obj, result);
            }
        }

        return result!;
    }

    private static HoconArray AppendArrays(IReadOnlyList<HoconValue?> parts, ConfigOrigin origin)
    {
        var items = new List<HoconValue>();
        foreach (var part in parts)
        {
            if (part is HoconArray array)
            {
                items.AddRange(array.Items);
            }
        }

        return new HoconArray(items, origin);
    }

    private static HoconScalar JoinText(IReadOnlyList<HoconValue?> parts, ConfigOrigin origin)
    {
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part switch
            {
                HoconScalar scalar => scalar.Text,
                HoconSpace space => space.Text,
                _ => "",
            });
        }

        return new HoconScalar(ScalarKind.String, text.ToString(), origin);
    }

    private static string Describe(bool hasObject, bool hasArray, bool hasText)
    {
        var kinds = new List<string>();
        if (hasObject)
        {
            kinds.Add("an object");
        }

        if (hasArray)
        {
            kinds.Add("a list");
        }

        if (hasText)
        {
            kinds.Add("a string");
        }

        return string.Join(" with ", kinds);
    }
}
