using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Snnsweep.Dashboard.Components;
using Snnsweep.Dashboard.Services;
using Snnsweep.Grains.Contracts;
using Snnsweep.Grains.Sweeps;

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
            var back = returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/";
            if (!access.Accepts(token)) return Results.Redirect($"/login?failed=1&returnUrl={Uri.EscapeDataString(back)}");
            await http.SignInAsync(DashboardAccess.Scheme, DashboardAccess.Operator());
            return Results.Redirect(back);
        });
        app.MapPost("/auth/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(DashboardAccess.Scheme);
            return Results.Redirect("/");
        });
        return app;
    }
}
