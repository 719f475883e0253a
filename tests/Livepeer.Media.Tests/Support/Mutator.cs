namespace Livepeer.Media.Tests.Support;

/// <summary>Seeded byte-level mutations for the fuzz loops.</summary>
public static class Mutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x3F, 0x40, 0xC0, 0x47];

    public static byte[] Mutate(byte[] input, Random random, int protectPrefix = 0)
    {
        var data = new List<byte>(input);
        var operations = 1 + random.Next(6);
        for (var op = 0; op < operations && data.Count > protectPrefix; op++)
        {
            var pos = protectPrefix + random.Next(data.Count - protectPrefix);
            switch (random.Next(7))
            {
                case 0:
                    data[pos] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[pos] = (byte)random.Next(256);
                    break;
                case 2:
                    data[pos] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 3:
                    data.InsertRange(pos, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    data.RemoveRange(pos, Math.Min(data.Count - pos, 1 + random.Next(32)));
                    break;
                case 5:
                    data.RemoveRange(pos, data.Count - pos); // truncate
                    break;
                default:
                    {
                        var len = Math.Min(data.Count - pos, 1 + random.Next(64));
                        data.InsertRange(protectPrefix + random.Next(data.Count - protectPrefix), data.GetRange(pos, len));
                        break;
                    }
            }
        }
        return [.. data];
    }
}
