using System.Runtime.InteropServices;

namespace ActorEcho.Bench.Memory;

/// <summary>
/// The heap size of one object as the GC counts it, read from the runtime's type header (the MethodTable):
/// its base size, plus length times component size for arrays and strings, rounded up to 8 bytes.
/// </summary>
internal static class ObjectSize
{
    // CoreCLR's MethodTable starts with a 32-bit flags word whose top bit says the low 16 bits are a component
    // size (arrays, strings), followed by the 32-bit base size (header and method-table pointer included).
    private const uint HasComponentSizeFlag = 0x8000_0000;
    private const uint ComponentSizeMask = 0xFFFF;
    private const int BaseSizeOffset = 4;
    private const long Alignment = 8;

    public static long Of(object value)
    {
        var methodTable = value.GetType().TypeHandle.Value;
        var flags = (uint)Marshal.ReadInt32(methodTable);
        long size = (uint)Marshal.ReadInt32(methodTable, BaseSizeOffset);
        if ((flags & HasComponentSizeFlag) != 0)
        {
            var length = value switch
            {
                Array array => array.LongLength,
                string text => text.Length,
                _ => 0,
            };
            size += length * (flags & ComponentSizeMask);
        }

        return (size + Alignment - 1) & ~(Alignment - 1);
    }
}
