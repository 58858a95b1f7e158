using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ImdbSentiment.Tests.Reliability;

/// <summary>Builds hostile variants of a model bundle: other entries, other manifest text, lying ZIP headers.</summary>
internal static class BundleRewriter
{
    /// <summary>Reads every entry, lets <paramref name="change"/> edit the list, and writes the bundle anew in that order.</summary>
    public static void Rewrite(string path, Action<List<(string Name, byte[] Bytes)>> change)
    {
        var entries = new List<(string Name, byte[] Bytes)>();
        using (var zip = ZipFile.OpenRead(path))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                entries.Add((entry.FullName, buffer.ToArray()));
            }
        }

        change(entries);
        using var output = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = output.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(bytes);
        }
    }

    /// <summary>Replaces the text of manifest.json; the change must change something.</summary>
    public static void RewriteManifest(string path, Func<string, string> change) =>
        Rewrite(path, entries =>
        {
            var index = entries.FindIndex(e => e.Name == "manifest.json");
            var json = Encoding.UTF8.GetString(entries[index].Bytes);
            var changed = change(json);
            Assert.NotEqual(json, changed);
            entries[index] = ("manifest.json", Encoding.UTF8.GetBytes(changed));
        });

    /// <summary>Makes the local and central headers of <paramref name="entryName"/> declare another uncompressed size.</summary>
    public static void SetDeclaredSize(string path, string entryName, uint size)
    {
        var zip = File.ReadAllBytes(path);
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var central = 0; central + 46 <= zip.Length; central++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central)) != 0x02014b50
                || BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(central + 28)) != name.Length
                || !zip.AsSpan(central + 46, name.Length).SequenceEqual(name))
            {
                continue;
            }

            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(central + 42));
            Assert.Equal(0x04034b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(local)));
            BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 24), size);
            BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(local + 22), size);
            File.WriteAllBytes(path, zip);
            return;
        }

        Assert.Fail($"{entryName} is not in {path}");
    }
}
