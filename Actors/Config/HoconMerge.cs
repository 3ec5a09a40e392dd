namespace ActorEcho.Configuration;

/// <summary>The spec's duplicate-key rule: objects merge field by field, anything else replaces what was there.</summary>
internal static class HoconMerge
{
    /// <summary>Puts <paramref name="value"/> at <paramref name="key"/>, merging with a previous definition in place (parsing only).</summary>
    public static void Into(HoconObject target, string key, HoconValue value)
    {
        target.Set(key, target.TryGet(key, out var existing) ? Combine(value, existing, inPlace: true) : value);
    }

    /// <summary>Merges without touching either input; used for fallbacks and concatenations of resolved trees.</summary>
    public static HoconValue Over(HoconValue top, HoconValue bottom) => Combine(top, bottom, inPlace: false);

    private static HoconValue Combine(HoconValue top, HoconValue bottom, bool inPlace)
    {
        if (top is HoconObject topObject)
        {
            if (bottom is HoconObject bottomObject)
            {
                var result = inPlace ? bottomObject : bottomObject.ShallowCopy();
                foreach (var key in topObject.Keys)
                {
                    var field = topObject[key];
                    result.Set(key, result.TryGet(key, out var under) ? Combine(field, under, inPlace) : field);
                }

                return result;
            }

            // An object over a resolved non-object resets it; over a substitution it has to wait,
            // because the substitution may yet turn out to be an object to merge with.
            return IsPending(bottom) ? Stack(bottom, top) : top;
        }

        // A resolved value simply replaces; one with a substitution may refer to (or fall back on) the value beneath.
        return top.IsResolved ? top : Stack(bottom, top);
    }

    private static bool IsPending(HoconValue value) =>
        value is HoconSubstitution or HoconConcatenation or HoconMergeStack;

    private static HoconMergeStack Stack(HoconValue bottom, HoconValue top)
    {
        var layers = bottom is HoconMergeStack stack ? new List<HoconValue>(stack.Layers) : [bottom];
        layers.Add(top);
        return new HoconMergeStack(layers);
    }
}
