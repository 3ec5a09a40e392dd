using Akka.Cluster;

namespace ActorEcho.Cluster.Counts;

/// <summary>
/// The entries of the cluster-wide count map: <c>address#uid/listener</c>, one per member incarnation and listener. The
/// uid tells a restarted node (same address) from its crashed predecessor, whose entries the survivors remove.
/// </summary>
internal static class CountKeys
{
    public static string Prefix(UniqueAddress member) => $"{member.Address}#{member.Uid}/";

    public static string Entry(UniqueAddress member, string listener) => Prefix(member) + listener;

    /// <summary>Splits an entry into its member prefix and listener; false for a key this version did not write.</summary>
    public static bool TrySplit(string key, out string prefix, out string listener)
    {
        // An address never holds '#', and the uid is digits: the first '/' after the '#' ends the prefix.
        var hash = key.IndexOf('#');
        var slash = hash < 0 ? -1 : key.IndexOf('/', hash);
        if (slash < 0)
        {
            prefix = listener = "";
            return false;
        }

        prefix = key[..(slash + 1)];
        listener = key[(slash + 1)..];
        return true;
    }
}
