using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snnsweep.Dashboard.Components;
using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;

namespace Snnsweep.Dashboard;

/// <summary>Maps the dashboard's pages, its download endpoints and the token sign-in.</summary>
public static class DashboardEndpoints
{
    /// <exception cref="InvalidOperationException">Exposed beyond loopback without a token.</exception>
    public static WebApplication MapSnnsweepDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (options.RequireToken && string.IsNullOrEmpty(options.Token))
            throw new InvalidOperationException("The dashboard listens beyond loopback but has no token: set Snnsweep__DashboardToken or Snnsweep__DashboardTokenFile (or bind to 127.0.0.1).");

        // The decision above comes from configuration; the addresses actually bound have the last word.
        app.Lifetime.ApplicationStarted.Register(() => CheckBoundAddresses(app, options));

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // Downloads are plain GETs (same origin, no JS): a researcher can also curl them.
        var api = app.MapGroup("/api/sweeps/{id}");
        api.MapGet("/best-config.json", async (string id, ISweepClient sweeps) =>
        {
            var snapshot = await sweeps.GetAsync(id);
            var fileName = $"{id}-best-config.json";
            return BestConfiguration.From(snapshot, fileName) is { } best
                ? Results.File(Encoding.UTF8.GetBytes(best.ToJson()), "application/json", fileName)
                : Results.NotFound($"sweep '{id}' has no completed trial yet");
        });
        api.MapGet("/trials.csv", async (string id, ISweepClient sweeps) =>
        {
            var snapshot = await sweeps.GetAsync(id);
            return snapshot.Spec is null
                ? Results.NotFound($"no sweep '{id}'")
                : Results.File(Encoding.UTF8.GetBytes(TrialsCsv.Write(snapshot)), "text/csv", $"{id}-trials.csv");
        });
        api.MapGet("/spec.json", async (string id, ISweepClient sweeps) =>
        {
            var snapshot = await sweeps.GetAsync(id);
            return snapshot.Spec is not { } spec
                ? Results.NotFound($"no sweep '{id}'")
                : Results.File(Encoding.UTF8.GetBytes(SweepRequest.From(spec).ToJson()), "application/json", $"{id}-spec.json");
        });

        app.MapPost("/auth/login", async ([FromForm] string? token, [FromForm] string? returnUrl, HttpContext http, DashboardAccess access) =>
        {
            var back = LocalReturnUrl(returnUrl);
            if (!access.Accepts(token)) return Results.Redirect($"/login?failed=1&returnUrl={Uri.EscapeDataString(back)}");
            await http.SignInAsync(DashboardAccess.Scheme, DashboardAccess.Operator());
            // LocalRedirect also resolves "~/" and would refuse anything off-site.
            return Results.LocalRedirect(back);
        });
        app.MapPost("/auth/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(DashboardAccess.Scheme);
            return Results.Redirect("/");
        });
        return app;
    }

    private static void CheckBoundAddresses(WebApplication app, DashboardOptions options)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (options.RequireToken || addresses is null || !DashboardAccess.ExposesBeyondLoopback(string.Join(';', addresses))) return;
        if (string.IsNullOrEmpty(options.Token))
        {
            app.Logger.LogCritical("The dashboard listens beyond loopback ({Addresses}) but has no token: stopping. Set Snnsweep__DashboardToken or Snnsweep__DashboardTokenFile (or bind to 127.0.0.1).",
                string.Join(", ", addresses));
            app.Lifetime.StopApplication();
            return;
        }
        options.RequireToken = true;
    }

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this site (ASP.NET's <c>IsLocalUrl</c> rules: "/x" or "~/x",
    /// never "//host", "/\host", "~//host" or an absolute URL), else "/". Browsers read a backslash as a slash.
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl) => IsLocalUrl(returnUrl) ? returnUrl! : "/";

    private static bool IsLocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return false;
        if (url[0] == '/')
        {
            if (url.Length == 1) return true;
            if (url[1] is '/' or '\\') return false;
            return !HasControlCharacter(url.AsSpan(1));
        }
        if (url[0] == '~' && url.Length > 1 && url[1] == '/')
        {
            if (url.Length == 2) return true;
            if (url[2] is '/' or '\\') return false;
            return !HasControlCharacter(url.AsSpan(2));
        }
        return false;
    }

    private static bool HasControlCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (char.IsControl(c)) return true;
        return false;
    }
}
