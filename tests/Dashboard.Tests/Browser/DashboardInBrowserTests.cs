using System.Text.Json;
using Microsoft.Playwright;
using Snnsweep.Tests.DatasetFixtures;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Snnsweep.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard in real Chromium against the real executable and the real trainer (tiny trials on demo):
/// launch from the form, watch the leaderboard fill without reloading, stop and resume, open a trial, download the
/// best configuration, and the token wall when bound beyond loopback. Screenshots of each page are kept.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class DashboardInBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Minutes5 = TimeSpan.FromMinutes(5);

    [ChromiumFact]
    public async Task A_sweep_started_from_the_form_fills_the_leaderboard_live_stops_resumes_and_exports_its_best_configuration()
    {
        using var silo = new DashboardProcess();
        await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await Browser.OpenAsync(browser, silo.BaseUrl);
        var name = $"e2e-{Guid.NewGuid():N}"[..12];
        try
        {
            // The form: tiny trials (two timesteps, 64 samples, a 4-channel network) so the sweep takes a minute or two;
            // ten of them, two at a time, so that plenty are still to come when the first result shows and the test stops the sweep.
            await Browser.GoAsync(page, "/sweeps/new");
            await page.Locator("input[data-testid=name]").FillAsync(name);
            await page.Locator("input[data-testid=trials]").FillAsync("10");
            await page.Locator("input[data-testid=parallel]").FillAsync("2");
            await page.Locator("input[data-testid=epochs]").FillAsync("2");
            await page.Locator("textarea[data-testid=fixed]").FillAsync("data.trainSamples=64\ndata.valSamples=64\nmodel.layers=4C3-AP2-AP2\nbatchSize=32");
            await page.Locator("input[data-testid=fix-T]").CheckAsync(new() { Force = true });
            await page.Locator("input[data-testid=fixed-T]").FillAsync("2");
            await page.Keyboard.PressAsync("Tab");
            await Browser.ScreenshotAsync(page, "new-sweep");
            await page.GetByTestId("launch").ClickAsync();

            await page.WaitForURLAsync($"**/sweeps/{name}", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("sweep-status")).ToHaveTextAsync("running");
            // No reload from here on: rows change because the grains push snapshots.
            var completedRows = page.Locator("[data-testid=leaderboard] tbody tr.mud-table-row").Filter(new() { HasText = "completed" });
            await Expect(completedRows.First).ToBeVisibleAsync(new() { Timeout = (float)Minutes5.TotalMilliseconds });
            await Browser.ScreenshotAsync(page, "sweep-running");

            await page.GetByTestId("stop").ClickAsync();
            await Expect(page.GetByTestId("sweep-status")).ToHaveTextAsync("stopped", new() { Timeout = 60_000 });
            await page.GetByTestId("resume").ClickAsync();
            await Expect(page.GetByTestId("sweep-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("running|completed"), new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("sweep-status")).ToHaveTextAsync("completed", new() { Timeout = (float)Minutes5.TotalMilliseconds });
            // Every trial ended (ASHA may prune some after their first epoch), none failed.
            var rows = page.Locator("[data-testid=leaderboard] tbody tr.mud-table-row");
            await Expect(rows.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("completed|pruned") })).ToHaveCountAsync(10, new() { Timeout = 30_000 });
            await Expect(rows.Filter(new() { HasText = "failed" })).ToHaveCountAsync(0);
            await Browser.ScreenshotAsync(page, "sweep-completed");

            // The best configuration, as the browser downloads it.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-best").ClickAsync());
            Assert.Equal($"{name}-best-config.json", download.SuggestedFilename);
            var path = Path.Combine(Path.GetTempPath(), $"{name}-best-config.json");
            await download.SaveAsAsync(path);
            using var best = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            File.Delete(path);
            var root = best.RootElement;
            Assert.Equal("baseline", root.GetProperty("method").GetString());
            Assert.Equal("demo", root.GetProperty("dataset").GetString());
            Assert.Equal(2, root.GetProperty("epochs").GetInt32());
            Assert.Equal("2", root.GetProperty("settings").GetProperty("T").GetString());
            Assert.Equal("64", root.GetProperty("settings").GetProperty("data.trainSamples").GetString());
            Assert.True(root.GetProperty("settings").TryGetProperty("lr", out var lr) && lr.GetString() is { Length: > 0 }, "the searched learning rate is in the file");
            var bestTrial = root.GetProperty("trial").GetInt32();
            var recorded = root.GetProperty("recorded").GetProperty("valAccuracy").GetDouble();
            Assert.InRange(recorded, 0, 1);
            Assert.Contains($"train --config {name}-best-config.json", await page.GetByTestId("retrain-command").TextContentAsync());

            // Each plot draws (Plotly's script comes from this server, not a CDN).
            foreach (var (tab, drawn) in new[]
                     {
                         ("History", "[data-testid=history-chart] svg"), ("Learning curves", "[data-testid=curves-chart] svg"),
                         ("Parallel coordinates", "[data-testid=parallel-plot] svg.main-svg"), ("Importance", "[data-testid=importance-chart] svg"),
                         ("Accuracy vs timesteps", "[data-testid=pareto-plot] svg.main-svg"),
                     })
            {
                await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
                await Expect(page.Locator(drawn).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
                await Browser.ScreenshotAsync(page, $"sweep-{tab.Replace(' ', '-').ToLowerInvariant()}");
            }

            // A trial: configuration, curve, history of where it ran.
            await Browser.GoAsync(page, $"/sweeps/{name}/trials/{bestTrial}");
            await Expect(page.GetByTestId("trial-status")).ToHaveTextAsync("completed");
            await Expect(page.GetByTestId("trial-config")).ToContainTextAsync("lr");
            await Expect(page.GetByTestId("trial-metrics")).ToContainTextAsync(recorded.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("trial-history")).ToContainTextAsync("leased");
            await Browser.ScreenshotAsync(page, "trial");

            await Browser.GoAsync(page, "/cluster");
            await Expect(page.GetByTestId("slots").Locator("tbody tr")).ToHaveCountAsync(2);
            await Browser.ScreenshotAsync(page, "cluster");

            await Browser.GoAsync(page, "/");
            await Expect(page.GetByTestId("sweeps").Locator("tbody tr.mud-table-row").Filter(new() { HasText = name })).ToContainTextAsync("completed");
            await Browser.ScreenshotAsync(page, "sweeps");
            output.WriteLine($"screenshots in {Browser.ScreenshotFolder}");
        }
        catch
        {
            await Browser.ScreenshotAsync(page, "failure");
            output.WriteLine(silo.Output);
            throw;
        }
    }

    [ChromiumFact]
    public async Task A_sweep_on_a_released_n_mnist_folder_shows_its_state_on_the_form_and_completes_both_trials()
    {
        // N-MNIST and MNIST as released (ATIS .bin files, IDX files), four samples a digit in each split.
        using var data = new TempDirectory();
        ReleasedLayouts.NMnist(data.Path, samplesPerClass: 4);
        ReleasedLayouts.Mnist(data.Path, samplesPerClass: 4);
        using var silo = new DashboardProcess(dataRoot: data.Path);
        await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await Browser.OpenAsync(browser, silo.BaseUrl);
        var name = $"nmnist-{Guid.NewGuid():N}"[..14];
        try
        {
            await Browser.GoAsync(page, "/sweeps/new");
            await Expect(page.Locator("input[data-testid=high-T]")).ToHaveValueAsync("12");
            await OpenSelectAsync(page, "dataset");
            var nmnist = page.Locator(".mud-popover-open [data-testid=dataset-option-n-mnist]");
            await Expect(nmnist).ToHaveAttributeAsync("data-state", "frames not prepared");
            await Expect(nmnist).ToContainTextAsync("80 samples");
            // Not on this data root: listed, but not to be chosen.
            var cifar = page.Locator(".mud-popover-open [data-testid=dataset-option-cifar10-dvs]");
            await Expect(cifar).ToHaveAttributeAsync("data-disabled", "true");
            await Expect(cifar).ToContainTextAsync("not found");
            await page.WaitForTimeoutAsync(500); // the list's opening transition, for the screenshot
            await Browser.ScreenshotAsync(page, "new-sweep-datasets");
            await nmnist.ClickAsync();
            await Expect(page.GetByTestId("dataset-state")).ToContainTextAsync("frames not prepared");
            await Expect(page.GetByTestId("dataset-state")).ToContainTextAsync(data.Path);
            // The space follows the dataset's T (10 for N-MNIST, against the demo's 8): 4-12 becomes 5-15.
            await Expect(page.Locator("input[data-testid=high-T]")).ToHaveValueAsync("15");
            await Expect(page.Locator("input[data-testid=low-T]")).ToHaveValueAsync("5");

            await page.Locator("input[data-testid=name]").FillAsync(name);
            await page.Locator("input[data-testid=trials]").FillAsync("2");
            await page.Locator("input[data-testid=parallel]").FillAsync("2");
            await page.Locator("input[data-testid=epochs]").FillAsync("1");
            await page.Locator("textarea[data-testid=fixed]").FillAsync("batchSize=16");
            // One epoch each: nothing to prune, both trials run to the end.
            await OpenSelectAsync(page, "pruner");
            await page.Locator(".mud-popover-open .mud-list-item").GetByText("none", new() { Exact = true }).ClickAsync();
            await page.Keyboard.PressAsync("Tab");
            await Browser.ScreenshotAsync(page, "new-sweep-n-mnist");
            await page.GetByTestId("launch").ClickAsync();

            await page.WaitForURLAsync($"**/sweeps/{name}", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("sweep-status")).ToHaveTextAsync("completed", new() { Timeout = (float)Minutes5.TotalMilliseconds });
            var rows = page.Locator("[data-testid=leaderboard] tbody tr.mud-table-row");
            await Expect(rows.Filter(new() { HasText = "completed" })).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Expect(rows.Filter(new() { HasText = "failed" })).ToHaveCountAsync(0);
            await Browser.ScreenshotAsync(page, "sweep-n-mnist-completed");

            await Browser.GoAsync(page, "/cluster");
            var row = page.Locator("[data-testid=datasets] tbody tr[data-dataset=n-mnist]");
            await Expect(row).ToContainTextAsync("80");
            await Expect(row).ToContainTextAsync(data.Path);
            await Expect(page.Locator("[data-testid=datasets] tbody tr[data-dataset=cifar10-dvs]")).ToContainTextAsync("not found");
            await Browser.ScreenshotAsync(page, "cluster-datasets");
        }
        catch
        {
            await Browser.ScreenshotAsync(page, "failure-n-mnist");
            output.WriteLine(silo.Output);
            throw;
        }
    }

    [ChromiumFact]
    public async Task Bound_beyond_loopback_the_dashboard_refuses_actions_until_signed_in_with_the_token()
    {
        using var silo = new DashboardProcess(bind: "0.0.0.0", token: "e2e-operator-token", slots: 0);
        await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await Browser.OpenAsync(browser, silo.BaseUrl);
        try
        {
            await Browser.GoAsync(page, "/sweeps/new");
            await Expect(page.GetByTestId("needs-token")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("launch")).ToBeDisabledAsync();
            await Browser.GoAsync(page, "/cluster");
            await Expect(page.GetByTestId("needs-token")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("slots")).ToHaveCountAsync(0);

            await Browser.GoAsync(page, "/login?returnUrl=/sweeps/new");
            await page.GetByTestId("token").FillAsync("not-the-token");
            await page.GetByTestId("login").ClickAsync();
            await Expect(page.GetByTestId("login-failed")).ToBeVisibleAsync();
            await Browser.ScreenshotAsync(page, "login");

            await page.GetByTestId("token").FillAsync("e2e-operator-token");
            await page.GetByTestId("login").ClickAsync();
            await page.WaitForURLAsync("**/sweeps/new");
            await page.Locator("[data-testid=circuit][data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Expect(page.GetByTestId("needs-token")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("launch")).ToBeEnabledAsync();
            Assert.DoesNotContain("e2e-operator-token", silo.Output);
        }
        catch
        {
            await Browser.ScreenshotAsync(page, "failure-token");
            output.WriteLine(silo.Output);
            throw;
        }
    }

    /// <summary>Opens a MudSelect's list (it opens on mouse down anywhere on its control) and waits for it.</summary>
    private static async Task OpenSelectAsync(IPage page, string testId)
    {
        await page.Locator(".mud-select .mud-input-control").Filter(new() { Has = page.GetByTestId(testId) }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync();
    }
}
