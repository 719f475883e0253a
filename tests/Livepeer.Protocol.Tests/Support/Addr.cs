using Livepeer.Core;

namespace Livepeer.Protocol.Tests.Support;

/// <summary>Readable test addresses: Addr.Of(7) = 0x00..0007 (with a marker byte so it is never zero).</summary>
public static class Addr
{
    public static Address Of(int n)
    {
        var b = new byte[20];
        b[0] = 0xA0;
        b[16] = (byte)(n >> 24);
        b[17] = (byte)(n >> 16);
        b[18] = (byte)(n >> 8);
        b[19] = (byte)n;
        return new Address(b);
    }
}
