using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>A process killed while writing a file leaves its temp file behind; the next write of that file removes it.</summary>
public sealed class AbandonedTempFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Writing_a_file_should_delete_temp_files_of_dead_writers_only()
    {
        // Given: temp files of checkpoint.bundle from a process that no longer runs and from one that does (pid 1),
        // and one of another file
        var target = _folder.Combine("checkpoint.bundle");
        var dead = _folder.Combine($".checkpoint.bundle.{int.MaxValue}.{Guid.NewGuid():N}.tmp");
        var alive = _folder.Combine($".checkpoint.bundle.1.{Guid.NewGuid():N}.tmp");
        var otherFile = _folder.Combine($".model.bundle.{int.MaxValue}.{Guid.NewGuid():N}.tmp");
        foreach (var temp in new[] { dead, alive, otherFile })
        {
            File.WriteAllBytes(temp, [1, 2, 3]);
        }

        // When
        AtomicFile.WriteAllText(target, "complete");

        // Then
        Assert.Equal("complete", File.ReadAllText(target));
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(alive));
        Assert.True(File.Exists(otherFile));
        Assert.Equal(3, _folder.Snapshot().Length);
    }
}
