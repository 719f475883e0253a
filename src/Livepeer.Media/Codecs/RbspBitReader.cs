namespace Livepeer.Media.Codecs;

/// <summary>Reads bits and Exp-Golomb codes from a NAL unit payload after removing emulation-prevention bytes.</summary>
internal sealed class RbspBitReader
{
    private readonly byte[] _rbsp;
    private int _bit;

    public RbspBitReader(ReadOnlySpan<byte> nalPayload, bool unescape = true)
    {
        if (!unescape)
        {
            _rbsp = nalPayload.ToArray();
            return;
        }
        // 0x000003 inside a NAL unit is an escape; the 03 is not part of the syntax (H.264 7.4.1).
        var rbsp = new byte[nalPayload.Length];
        var n = 0;
        var zeros = 0;
        foreach (var b in nalPayload)
        {
            if (zeros >= 2 && b == 3)
            {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            rbsp[n++] = b;
        }
        _rbsp = rbsp[..n];
    }

    public uint ReadBits(int count)
    {
        uint v = 0;
        for (var i = 0; i < count; i++) v = (v << 1) | ReadBit();
        return v;
    }

    public uint ReadBit()
    {
        if (_bit >= _rbsp.Length * 8) throw new CodecFormatException("Parameter set truncated: read past its end.");
        var v = (uint)(_rbsp[_bit >> 3] >> (7 - (_bit & 7))) & 1;
        _bit++;
        return v;
    }

    public void Skip(int bits)
    {
        for (var i = 0; i < bits; i++) ReadBit();
    }

    public uint ReadUe()
    {
        var zeros = 0;
        while (ReadBit() == 0)
        {
            if (++zeros > 31) throw new CodecFormatException("Exp-Golomb code longer than 32 bits in a parameter set.");
        }
        return zeros == 0 ? 0 : (uint)((1L << zeros) - 1 + ReadBits(zeros));
    }

    public int ReadSe()
    {
        var k = ReadUe();
        return (k & 1) != 0 ? (int)((k + 1) / 2) : -(int)(k / 2);
    }
}
