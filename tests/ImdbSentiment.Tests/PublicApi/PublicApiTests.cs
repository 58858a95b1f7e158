using System.Runtime.CompilerServices;
using ImdbSentiment.Persistence;
using PublicApiGenerator;

namespace ImdbSentiment.Tests.PublicApi;

/// <summary>
/// The library's public surface, as PublicApiGenerator prints it, must equal the approved snapshot beside this file, so
/// that it changes only on purpose. When it differs the test writes the new surface to <c>ImdbSentiment.received.txt</c>
/// beside the snapshot: review the difference, and if it is meant, copy the received file over the approved one.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_library_public_API_should_match_the_approved_snapshot()
    {
        var actual = Normalize(typeof(ModelBundle).Assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }));
        var folder = SourceFolder();
        var approvedPath = Path.Combine(folder, "ImdbSentiment.approved.txt");
        var receivedPath = Path.Combine(folder, "ImdbSentiment.received.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;

        if (actual != approved)
        {
            File.WriteAllText(receivedPath, actual);
            var first = FirstDifference(approved, actual);
            Assert.Fail($"the public API of ImdbSentiment changed (first difference at line {first.Line}: approved \"{first.Approved}\", now \"{first.Actual}\"); " +
                        $"review {receivedPath} and, if the change is meant, copy it over {approvedPath}");
        }

        File.Delete(receivedPath);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static (int Line, string Approved, string Actual) FirstDifference(string approved, string actual)
    {
        var (a, b) = (approved.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "<end>", i < b.Length ? b[i] : "<end>");
            if (x != y)
            {
                return (i + 1, x.Trim(), y.Trim());
            }
        }

        return (0, string.Empty, string.Empty);
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
