using System.Diagnostics;
using System.Text.Json;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Interop;

/// <summary>
/// Runs <c>onnx_runtime_node.js</c> (beside this file) with ONNX Runtime's Node.js binding from
/// <c>IMDB_SENTIMENT_ORT_NODE</c> (default <c>~/.cache/imdb-sentiment/onnxruntime-node</c>, where
/// <c>scripts/install-onnxruntime-node.sh</c> puts it). Without node or the binding the test is skipped, unless
/// <c>IMDB_SENTIMENT_REQUIRE_ORT_NODE=1</c> (as in CI), where it fails.
/// </summary>
public static class NodeOnnxRuntime
{
    public const string FolderVariable = "IMDB_SENTIMENT_ORT_NODE";
    public const string RequireVariable = "IMDB_SENTIMENT_REQUIRE_ORT_NODE";
    private const string ScriptName = "onnx_runtime_node.js";

    public static string Folder => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "imdb-sentiment", "onnxruntime-node");

    /// <summary>Skips (fails when required) unless node and the binding are there.</summary>
    public static void RequireOrSkip()
    {
        var binding = Path.Combine(Folder, "node_modules", "onnxruntime-node", "package.json");
        var problem = !File.Exists("/usr/bin/node") && !OnPath("node") ? "node is not installed"
            : !File.Exists(binding) ? $"{binding} does not exist" : null;
        if (problem is null)
        {
            return;
        }

        var reason = $"the Node.js ONNX Runtime check needs node and onnxruntime-node ({problem}); run scripts/install-onnxruntime-node.sh";
        Prerequisite.Missing(RequireVariable, reason);
    }

    /// <summary>Every class's probability per text, each text scored alone and all in one padded batch.</summary>
    public static (double[][] Alone, double[][] Padded) Score(string modelPath, IReadOnlyList<int[]> ids, int padIndex, string scratchFolder)
    {
        var idsPath = Path.Combine(scratchFolder, $"ids-{Guid.NewGuid():N}.json");
        File.WriteAllText(idsPath, JsonSerializer.Serialize(ids));
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { InteropScripts.Path(ScriptName), modelPath, idsPath, padIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[FolderVariable] = Folder;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{ScriptName} exited {process.ExitCode}:\n{stderr.Result}");
        }

        using var json = JsonDocument.Parse(stdout);
        double[][] Rows(string name) => [.. json.RootElement.GetProperty(name).EnumerateArray().Select(row => row.EnumerateArray().Select(p => p.GetDouble()).ToArray())];
        return (Rows("alone"), Rows("padded"));
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(folder => File.Exists(Path.Combine(folder, name)));
}
