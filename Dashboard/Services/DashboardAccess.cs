using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Snnsweep.Dashboard.Services;

/// <summary>
/// Who may change things. On loopback everyone who can open the page already owns the machine; on any other
/// address, mutating actions and the cluster page need the operator token, exchanged once for a cookie.
/// </summary>
public sealed class DashboardAccess(IOptions<DashboardOptions> options)
{
    public const string Scheme = "snnsweep";
    public const string OperatorRole = "operator";

    public bool TokenRequired => options.Value.RequireToken;

    public bool IsOperator(ClaimsPrincipal? user) => !TokenRequired || user?.IsInRole(OperatorRole) == true;

    /// <exception cref="UnauthorizedAccessException">The user has not signed in with the token.</exception>
    public void Demand(ClaimsPrincipal? user)
    {
        if (!IsOperator(user)) throw new UnauthorizedAccessException("This action needs the dashboard token: sign in first.");
    }

    /// <summary>Constant-time comparison, so response times do not leak the token.</summary>
    public bool Accepts(string? candidate)
    {
        var token = options.Value.Token;
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(candidate)) return false;
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    public static ClaimsPrincipal Operator() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, OperatorRole)], Scheme));

    /// <summary>The host names a loopback-only dashboard answers to (DNS rebinding sends others).</summary>
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Whether the server would listen beyond loopback: on <paramref name="urls"/> or on any Kestrel endpoint in
    /// <paramref name="configuration"/> (<c>Kestrel:Endpoints:NAME:Url</c>, which replaces the URLs when present).
    /// </summary>
    public static bool ExposesBeyondLoopback(IConfiguration configuration, string urls) =>
        ExposesBeyondLoopback(urls) ||
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => ExposesBeyondLoopback(e["Url"] ?? "http://*"));

    /// <summary>Whether listening on <paramref name="urls"/> (ASP.NET Core's ';'-separated form) exposes the dashboard beyond this machine.</summary>
    public static bool ExposesBeyondLoopback(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Kestrel's wildcard hosts ("*", "+", "0.0.0.0", "[::]") listen everywhere; Uri cannot parse the first two.
            var host = url.Replace("://*", "://wildcard").Replace("://+", "://wildcard");
            if (!Uri.TryCreate(host, UriKind.Absolute, out var uri)) return true;
            if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) continue;
            if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)) continue;
            return true;
        }
        return false;
    }
}
