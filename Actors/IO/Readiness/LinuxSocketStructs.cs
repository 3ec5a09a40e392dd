using System.Runtime.InteropServices;

namespace ActorEcho.IO.Readiness;

/// <summary>struct iovec of 64-bit Linux: one buffer of a gathered send or a scattered receive.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public void* Base;
    public nuint Length;
}

/// <summary>
/// struct msghdr of 64-bit Linux, for sendmsg and recvmsg: the compiler pads after the name length as C does, so
/// the iovec pointer lands at offset 16.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
