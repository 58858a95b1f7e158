using System.Diagnostics;

namespace ImdbSentiment.Bench.Macro.Internal;

/// <summary>
/// Finds the <c>sentiment</c> CLI for the process benchmarks: <c>--cli PATH</c> (a sentiment.dll), else
/// IMDB_SENTIMENT_CLI, else the repository's <c>artifacts/cli/sentiment.dll</c>, built (or rebuilt when stale) by
/// running the repository's <c>./sentiment</c> wrapper once. The repository is found by walking up from the current
/// directory to <c>ImdbSentiment.slnx</c>.
/// </summary>
internal static class CliLocator
{
    public static string Find(MacroOptions options)
    {
        var explicitPath = options.String("cli") ?? Environment.GetEnvironmentVariable("IMDB_SENTIMENT_CLI");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException($"--cli {explicitPath} does not exist");
        }

        var root = new DirectoryInfo(Environment.CurrentDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ImdbSentiment.slnx")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("cannot find the repository (ImdbSentiment.slnx) above the current directory; pass --cli PATH/sentiment.dll");
        }

        var wrapper = Path.Combine(root.FullName, "sentiment");
        using (var build = Process.Start(new ProcessStartInfo(wrapper, "--help") { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"cannot start {wrapper}"))
        {
            var stderr = build.StandardError.ReadToEndAsync();
            build.StandardOutput.ReadToEnd();
            build.WaitForExit();
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"{wrapper} --help failed ({build.ExitCode}): {stderr.Result}");
            }
        }

        return Path.Combine(root.FullName, "artifacts", "cli", "sentiment.dll");
    }
}
