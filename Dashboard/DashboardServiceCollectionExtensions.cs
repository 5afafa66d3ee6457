using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Snnsweep.Dashboard.Services;

namespace Snnsweep.Dashboard;

/// <summary>Registers the dashboard in a host that has Orleans (a silo or a client) and an <see cref="ISweepCatalog"/>.</summary>
public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddSnnsweepDashboard(this IServiceCollection services, Action<DashboardOptions> configure)
    {
        services.AddOptions<DashboardOptions>().Configure(configure);
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Confirmations at the bottom, where they cover no action buttons.
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            o.SnackbarConfiguration.VisibleStateDuration = 3000;
        });
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(DashboardAccess.Scheme).AddCookie(DashboardAccess.Scheme, o =>
        {
            o.Cookie.Name = "snnsweep.operator";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddAntiforgery();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<SweepFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepFeed>());
        services.AddSingleton<ISweepClient, OrleansSweepClient>();
        return services;
    }
}
