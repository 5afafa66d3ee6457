using Microsoft.Playwright;

namespace Snnsweep.Dashboard.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright's bundled driver (no browser download), and where screenshots go.</summary>
public static class Browser
{
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        return (playwright, browser);
    }

    public static Task<IPage> OpenAsync(IBrowser browser, string baseUrl) =>
        browser.NewPageAsync(new() { BaseURL = baseUrl, AcceptDownloads = true, ViewportSize = new() { Width = 1440, Height = 960 } });

    /// <summary>Goes to <paramref name="path"/> and waits for the live circuit: prerendered HTML ignores clicks.</summary>
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-testid=circuit][data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }
}
