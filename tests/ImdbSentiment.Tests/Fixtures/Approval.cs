namespace ImdbSentiment.Tests.Fixtures;

/// <summary>
/// Approval (golden-file) checks: text must equal an approved file kept in the repository. On a difference the new text
/// is written beside it as <c>NAME.received.txt</c> (ignored by git) and the test fails naming the first differing line;
/// if the change is meant, copy the received file over the approved one.
/// </summary>
public static class Approval
{
    public static void Verify(string actual, string approvedPath)
    {
        var receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", string.Empty, StringComparison.Ordinal) + ".received.txt";
        var now = Normalize(actual);
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;
        if (now == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, now);
        var (a, b) = (approved.Split('\n'), now.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(a.Length, b.Length)).First(i => (i < a.Length ? a[i] : null) != (i < b.Length ? b[i] : null));
        Assert.Fail($"{Path.GetFileName(approvedPath)} differs at line {line + 1}: approved \"{(line < a.Length ? a[line].Trim() : "<end>")}\", " +
                    $"now \"{(line < b.Length ? b[line].Trim() : "<end>")}\"; review {receivedPath} and, if the change is meant, copy it over {approvedPath}");
    }

    // Line ends and trailing spaces (a console pads its lines) are not part of what is approved.
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd())).TrimEnd() + "\n";
}
