using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace ImdbSentiment.Tests.Data;

/// <summary>A small corpus in the IMDb layout, written by the tests themselves as a .tar.gz or a folder.</summary>
internal sealed class SyntheticCorpus
{
    // A fixed time (the corpus's release month) rather than now, so that every entry's PAX mtime record is the same.
    private static readonly DateTimeOffset ModificationTime = new(2011, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<Entry> _entries = [];

    /// <summary>
    /// Three reviews per split and label, stored out of numeric order (10, 2, 1), plus everything the loader
    /// must ignore: README, imdb.vocab, train/unsup, *.feat, urls_*.txt and a non-review .txt.
    /// </summary>
    public static SyntheticCorpus Standard()
    {
        var corpus = new SyntheticCorpus()
            .Directory("aclImdb/")
            .File("aclImdb/README", "Large Movie Review Dataset v1.0")
            .File("aclImdb/imdb.vocab", "the\nand\na\n");
        foreach (var split in new[] { "train", "test" })
        {
            foreach (var label in new[] { "neg", "pos" })
            {
                var rating = label == "pos" ? 8 : 3;
                corpus.Directory($"aclImdb/{split}/{label}/");
                foreach (var id in new[] { 10, 2, 1 })
                {
                    corpus.File($"aclImdb/{split}/{label}/{id}_{rating + (id % 2)}.txt", TextOf(split, label, id));
                }
            }

            corpus.File($"aclImdb/{split}/labeledBow.feat", "0 0:9 1:1\n")
                .File($"aclImdb/{split}/urls_pos.txt", "http://www.imdb.com/title/tt0453418/usercomments\n");
        }

        return corpus
            .File("aclImdb/train/unsup/0_0.txt", "an unlabelled review")
            .File("aclImdb/train/unbalanced_pos/3_9.txt", "not a label folder")
            .File("aclImdb/train/pos/notes.txt", "not a review name")
            .File("aclImdb/train/pos/4_9.txt.bak", "not a review name either")
            .File("aclImdb/train/pos/nested/5_9.txt", "too deep");
    }

    /// <summary>
    /// <see cref="Standard"/> plus entries that would escape an extraction folder (<c>..</c> and absolute names) and
    /// links where reviews and folders are expected; none of them may be read or written. For archives only:
    /// <see cref="WriteFolder"/> would write those names.
    /// </summary>
    public static SyntheticCorpus Hostile() => Standard()
        .File("../../escape_1.txt", "escaped")
        .File("aclImdb/train/pos/../../../escape_2.txt", "escaped")
        .File("aclImdb/train/pos/../../train/pos/12_9.txt", "escaped")
        .File("/tmp/imdb-sentiment-absolute_3.txt", "escaped")
        .Symlink("aclImdb/train/pos/13_9.txt", "/etc/passwd")
        .Symlink("aclImdb/test/neg", "/etc");

    public static string TextOf(string split, string label, int id) => $"Review {id} of {split}/{label}: caf\u00e9 <br /><br />\u2014 fine.";

    public SyntheticCorpus File(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

    public SyntheticCorpus File(string name, byte[] content)
    {
        _entries.Add(new Entry(name, TarEntryType.RegularFile, content, null));
        return this;
    }

    public SyntheticCorpus Directory(string name)
    {
        _entries.Add(new Entry(name, TarEntryType.Directory, null, null));
        return this;
    }

    public SyntheticCorpus Symlink(string name, string target) => Special(name, TarEntryType.SymbolicLink, target);

    /// <summary>An entry without content of another type: a link, a FIFO, a device.</summary>
    public SyntheticCorpus Special(string name, TarEntryType type, string? linkName = null)
    {
        _entries.Add(new Entry(name, type, null, linkName));
        return this;
    }

    public SyntheticCorpus Without(string name)
    {
        _entries.RemoveAll(entry => entry.Name.StartsWith(name, StringComparison.Ordinal));
        return this;
    }

    public byte[] ToTarGz()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                var tarEntry = new PaxTarEntry(entry.Type, entry.Name) { ModificationTime = ModificationTime };
                if (entry.Content is not null)
                {
                    tarEntry.DataStream = new MemoryStream(entry.Content);
                }

                if (entry.LinkName is not null)
                {
                    tarEntry.LinkName = entry.LinkName;
                }

                writer.WriteEntry(tarEntry);
            }
        }

        return output.ToArray();
    }

    public string WriteTarGz(string path)
    {
        System.IO.File.WriteAllBytes(path, ToTarGz());
        return path;
    }

    /// <summary>Writes the regular files and folders below <paramref name="root"/> (which then contains aclImdb/).</summary>
    public string WriteFolder(string root)
    {
        foreach (var entry in _entries)
        {
            var path = Path.Combine(root, entry.Name);
            if (entry.Type == TarEntryType.Directory)
            {
                System.IO.Directory.CreateDirectory(path);
            }
            else if (entry.Content is not null)
            {
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                System.IO.File.WriteAllBytes(path, entry.Content);
            }
        }

        return root;
    }

    private sealed record Entry(string Name, TarEntryType Type, byte[]? Content, string? LinkName);
}
