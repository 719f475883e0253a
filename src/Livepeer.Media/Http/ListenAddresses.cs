using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Livepeer.Media.Http;

/// <summary>
/// What to tell publishers and players about a bound listener: the host:port authorities they can use, loopback first
/// (a wildcard bind such as 0.0.0.0 or [::] is reachable on every up interface's address, which is what a remote OBS needs).
/// </summary>
public static class ListenAddresses
{
    /// <summary>
    /// Parses host:port (IPv6 in brackets, e.g. [::1]:1935; "localhost" is 127.0.0.1). Throws <see cref="FormatException"/>
    /// naming what is wrong.
    /// </summary>
    public static IPEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new FormatException($"'{text}' is not host:port (e.g. 127.0.0.1:1935, 0.0.0.0:1935 or [::1]:1935).");
        var host = text[..colon];
        if (host.StartsWith('[') != host.EndsWith(']')) throw new FormatException($"'{text}': an IPv6 host goes in brackets, e.g. [::1]:1935.");
        host = host.Trim('[', ']');
        if (host == "localhost") return new IPEndPoint(IPAddress.Loopback, port);
        if (!IPAddress.TryParse(host, out var address))
            throw new FormatException($"'{host}' is not an IP address; use 127.0.0.1 (this machine only), 0.0.0.0 or [::] (every interface).");
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && !text.StartsWith('['))
            throw new FormatException($"'{text}': an IPv6 host goes in brackets, e.g. [::1]:1935.");
        return new IPEndPoint(address, port);
    }

    /// <summary>host:port as a URL authority (IPv6 in brackets, without a scope id).</summary>
    public static string Authority(IPAddress address, int port)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var plain = new IPAddress(address.GetAddressBytes());
            return $"[{plain}]:{port}";
        }
        return $"{address}:{port}";
    }

    /// <summary>
    /// The authorities a client can reach <paramref name="bound"/> at: itself for a specific address; for 0.0.0.0 every up
    /// interface's IPv4 address, and for [::] its IPv6 (non link-local) ones as well; loopback first.
    /// </summary>
    public static IReadOnlyList<string> Reachable(IPEndPoint bound)
    {
        var wildcard = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any);
        if (!wildcard) return [Authority(bound.Address, bound.Port)];
        var ipv6 = bound.Address.Equals(IPAddress.IPv6Any);
        var addresses = new List<IPAddress> { IPAddress.Loopback };
        if (ipv6) addresses.Add(IPAddress.IPv6Loopback);
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up) continue;
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var a = unicast.Address;
                    if (IPAddress.IsLoopback(a) || a.IsIPv6LinkLocal) continue;
                    if (a.AddressFamily == AddressFamily.InterNetwork || (ipv6 && a.AddressFamily == AddressFamily.InterNetworkV6)) addresses.Add(a);
                }
            }
        }
        catch (NetworkInformationException) { } // no interface list: loopback is still true
        return addresses.Select(a => Authority(a, bound.Port)).Distinct(StringComparer.Ordinal).ToList();
    }
}
