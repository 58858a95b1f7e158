using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Cli;

/// <summary>A tiny archive and one run of <c>sentiment train</c> on it, shared by the CLI tests.</summary>
public sealed class TrainedRunFixture : IDisposable
{
    public TrainedRunFixture()
    {
        Archive = TinyImdbArchive.Write(Folder.Path);
        RunFolder = Folder.Combine("run");
        Train = CliProcess.Run(["train", "--preset", "best", "--epochs", "2", "--min-freq", "2", "--threads", "1", "--data", Archive, "--out", RunFolder]);
    }

    public TempFolder Folder { get; } = new();

    public string Archive { get; }

    public string RunFolder { get; }

    public string Model => Path.Combine(RunFolder, "model.bundle");

    public CliProcess.Result Train { get; }

    public void Dispose() => Folder.Dispose();
}
