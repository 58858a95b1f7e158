using ImdbSentiment.Tests.Fixtures;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ImdbSentiment.Tests.Serving;

/// <summary>
/// The page at <c>/</c> in a real headless browser: Debian's chromium at <see cref="BrowserPath"/>, driven by
/// Playwright (whose own browser download is never used). Skipped when chromium is missing, unless
/// <c>IMDB_SENTIMENT_REQUIRE_BROWSER=1</c> (as in CI, after <c>scripts/install-browser.sh</c>), where it fails.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ServePageBrowserTests(TinyModelFixture model, ITestOutputHelper output) : IClassFixture<TinyModelFixture>
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string RequireVariable = "IMDB_SENTIMENT_REQUIRE_BROWSER";

    private const float Patience = 30_000; // ms, Playwright's unit

    [SkippableFact]
    public async Task A_person_should_type_a_review_click_and_see_the_label_and_the_probability_bar()
    {
        RequireBrowser();
        await using var server = await InProcessServer.StartKestrelAsync(model.Predictor);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await NewPageAsync(browser);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text); // a CSP violation (a wrong hash) shows up here
            }
        };
        page.PageError += (_, error) => problems.Add(error);

        // Given the page
        await page.GotoAsync(server.BaseAddress.ToString());
        Assert.Equal("IMDb sentiment", await page.TitleAsync());
        await page.WaitForFunctionAsync("() => document.getElementById('model').textContent !== '…'");

        // When a person scores a negative review, then a positive one
        await ScoreAsync(page, "w3 w7 w9 w11");
        Assert.Equal("negative", await page.Locator("#label").TextContentAsync());
        await ScoreAsync(page, "w5 w7 w9 w11");

        // Then the label and the bar show the model's verdict
        Assert.Equal("pos", await page.Locator("#label").GetAttributeAsync("data-label"));
        Assert.Equal("positive", await page.Locator("#label").TextContentAsync());
        var expected = model.Predictor.Predict("w5 w7 w9 w11").Probability * 100;
        var width = await page.Locator("#bar").EvaluateAsync<string>("bar => bar.style.width");
        Assert.EndsWith("%", width);
        Assert.Equal(expected, double.Parse(width.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), 0.051);
        Assert.Contains("% positive", await page.Locator("#probability").TextContentAsync());
        Assert.Empty(problems);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "serve-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
    }

    /// <summary>The README's picture: the shipped model scoring a real review (written to TestResults/serve-page-shipped.png).</summary>
    [SkippableFact]
    public async Task The_page_with_the_shipped_model_should_score_a_real_review()
    {
        RequireBrowser();
        const string Review = "A beautifully shot, superbly acted film. I loved every minute of it and would happily watch it again.";
        using var shipped = ImdbSentiment.Inference.SentimentPredictor.Load(Path.Combine(AppContext.BaseDirectory, "models", "sentiment.bundle"));
        await using var server = await InProcessServer.StartKestrelAsync(shipped);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await NewPageAsync(browser);
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.WaitForFunctionAsync("() => document.getElementById('model').textContent !== '…'");

        await ScoreAsync(page, Review);

        Assert.Equal("positive", await page.Locator("#label").TextContentAsync());
        var width = await page.Locator("#bar").EvaluateAsync<string>("bar => bar.style.width");
        Assert.Equal(shipped.Predict(Review).Probability * 100, double.Parse(width.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture), 0.051);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "serve-page-shipped.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = BrowserPath,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        Timeout = Patience,
    });

    private static async Task<IPage> NewPageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 900, Height = 640 }, ReducedMotion = ReducedMotion.Reduce });
        page.SetDefaultTimeout(Patience);
        return page;
    }

    private static async Task ScoreAsync(IPage page, string review)
    {
        await page.FillAsync("#review", review);
        await page.ClickAsync("#score");
        await page.WaitForFunctionAsync("text => document.getElementById('result').dataset.text === text", review);
    }

    private static void RequireBrowser()
    {
        if (File.Exists(BrowserPath))
        {
            return;
        }

        var reason = $"{BrowserPath} is missing: run scripts/install-browser.sh (as root) to run this test";
        Prerequisite.Missing(RequireVariable, reason);
    }
}
