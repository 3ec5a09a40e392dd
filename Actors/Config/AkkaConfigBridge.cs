using AkkaArray = Akka.Configuration.Hocon.HoconArray;
using AkkaConfig = Akka.Configuration.Config;
using AkkaLiteral = Akka.Configuration.Hocon.HoconLiteral;
using AkkaObject = Akka.Configuration.Hocon.HoconObject;
using AkkaRoot = Akka.Configuration.Hocon.HoconRoot;
using AkkaValue = Akka.Configuration.Hocon.HoconValue;

namespace ActorEcho.Configuration;

/// <summary>
/// Hands a configuration read by our own reader to Akka.NET as an <see cref="AkkaConfig"/>, built node by node
/// from Akka's public Hocon types. Akka's text parser is never involved: it hangs on some malformed input and
/// misreads parts of the spec, so files are read (and their errors reported) by our reader only.
/// </summary>
/// <remarks>
/// The tree is copied exactly: objects keep their key order, arrays stay arrays, and every string, number
/// and boolean becomes an Akka literal holding the same text. Null becomes the literal <c>null</c>, which is
/// what Akka's own parser builds for <c>key = null</c>. Akka's getters then differ from ours in ways no tree
/// can avoid: <c>GetString</c> trims leading and trailing whitespace and returns null for any string whose
/// trimmed text is <c>null</c> (the quoted string "null" included); for a null setting <c>HasPath</c> is
/// true, <c>GetString</c> returns null even when given a default, and <c>GetInt</c> and <c>GetBoolean</c>
/// throw even when given one; <c>GetBoolean</c> knows only true/false/on/off; <c>GetTimeSpan</c> rejects
/// <c>us</c>; <c>GetInt</c> rejects <c>1e3</c> and <c>30.0</c>; <c>GetByteSize</c> reads <c>5m</c> as 5 MiB.
/// Each returned tree is new and owned by the caller (Akka's nodes are mutable).
/// </remarks>
public static class AkkaConfigBridge
{
    /// <summary>The whole tree as an Akka configuration.</summary>
    public static AkkaConfig ToAkkaConfig(this Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new AkkaConfig(new AkkaRoot(Wrap(ConvertObject(config.Root))));
    }

    /// <summary>
    /// Only the object at <paramref name="path"/> (for example <c>"akka"</c>), kept at that same path, so Akka
    /// sees its own section and none of our settings. A missing or null path gives an empty configuration
    /// (Akka's defaults then apply); a path holding something other than an object throws a
    /// <see cref="ConfigException"/> naming the file and line.
    /// </summary>
    public static AkkaConfig ToAkkaConfig(this Config config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(path);
        if (!config.HasPath(path))
        {
            return new AkkaConfig(new AkkaRoot(Wrap(new AkkaObject())));
        }

        // GetConfig checks that the value is an object and words the error like every other getter.
        var section = Wrap(ConvertObject(config.GetConfig(path).Root));
        var segments = HoconPath.Parse(path);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var parent = new AkkaObject();
            parent.Items[segments[i]] = section;
            section = Wrap(parent);
        }

        return new AkkaConfig(new AkkaRoot(section));
    }

    private static AkkaValue Convert(HoconValue value) => value switch
    {
        HoconObject obj => Wrap(ConvertObject(obj)),
        HoconArray array => Wrap(ConvertArray(array)),
        // Every scalar kind is text to Akka; a null's text is "null", exactly the literal Akka's parser builds.
        HoconScalar scalar => Wrap(new AkkaLiteral { Value = scalar.Text }),
        // A resolved tree holds nothing else; meeting a substitution here is a bug in the reader, not bad input.
        _ => throw new InvalidOperationException($"unresolved {value.GetType().Name} reached the Akka bridge"),
    };

    private static AkkaObject ConvertObject(HoconObject obj)
    {
        var result = new AkkaObject();

        // Items is a plain Dictionary, only ever added to here; .NET enumerates such a dictionary in insertion order
        // (behaviour, not a documented promise: Keys_keep_document_order pins it), so Akka sees document order.
        foreach (var key in obj.Keys)
        {
            result.Items.Add(key, Convert(obj[key]));
        }

        return result;
    }

    private static AkkaArray ConvertArray(HoconArray array)
    {
        var result = new AkkaArray();
        result.Capacity = array.Items.Count;
        foreach (var item in array.Items)
        {
            result.Add(Convert(item));
        }

        return result;
    }

    /// <summary>Akka keeps every node inside a HoconValue; one element per value, as its parser builds for a
    /// value that is not a concatenation.</summary>
    private static AkkaValue Wrap(Akka.Configuration.Hocon.IHoconElement element)
    {
        var value = new AkkaValue();
        value.AppendValue(element);
        return value;
    }
}
