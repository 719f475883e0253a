using System.Collections.Concurrent;
using System.Net;

namespace Livepeer.Media.Http;

/// <summary>Counts open connections per remote IP address against a limit (RTMP and HTTP servers alike). Thread-safe.</summary>
public sealed class AddressConnectionLimiter(int maxPerAddress)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>The most connections one address may hold.</summary>
    public int MaxPerAddress { get; } = maxPerAddress > 0 ? maxPerAddress : throw new ArgumentOutOfRangeException(nameof(maxPerAddress), "Must be positive.");

    /// <summary>Counts a new connection from <paramref name="remote"/>; false (nothing counted) when the address is at its limit.</summary>
    public bool TryEnter(EndPoint? remote)
    {
        if (Key(remote) is not { } address) return true;
        while (true)
        {
            var count = _open.GetOrAdd(address, 0);
            if (count >= MaxPerAddress) return false;
            if (_open.TryUpdate(address, count + 1, count)) return true;
        }
    }

    /// <summary>Counts a connection from <paramref name="remote"/> as closed.</summary>
    public void Exit(EndPoint? remote)
    {
        if (Key(remote) is not { } address) return;
        while (_open.TryGetValue(address, out var count))
        {
            // The last connection removes the entry, so addresses seen once do not accumulate.
            if (count <= 1 ? _open.TryRemove(new KeyValuePair<IPAddress, int>(address, count)) : _open.TryUpdate(address, count - 1, count)) return;
        }
    }

    /// <summary>Connections open from <paramref name="address"/>.</summary>
    public int OpenFrom(IPAddress address) => _open.GetValueOrDefault(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static IPAddress? Key(EndPoint? remote) => remote is IPEndPoint ip ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address) : null;
}
