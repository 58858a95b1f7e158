using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;

namespace ImdbSentiment.Data.Internal;

/// <summary>
/// Reads the corpus straight out of a <c>.tar.gz</c> in one streaming pass; nothing is extracted or written.
/// </summary>
internal static class TarGzCorpusReader
{
    // The largest real review is about 14 KB; anything far beyond that is not a review and would only waste memory.
    private const int MaxReviewBytes = 16 << 20;
    private const int GzipMinimumLength = 18; // 10-byte header + 8-byte trailer

    public static ImdbCorpus Read(string path, CancellationToken ct)
    {
        var collector = new ReviewCollector(path, CorpusLayout.Root + "/");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var expectedSize = ReadGzipSizeTrailer(file, path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var counted = new CountingReadStream(gzip);
            using (var reader = new TarReader(counted, leaveOpen: true))
            {
                ReadEntries(reader, collector, path, ct);
            }

            // GZipStream does not report a stream cut short, and a cut at an entry boundary looks like a clean
            // end to TarReader. The gzip trailer's ISIZE (size mod 2^32) of an intact file matches what we
            // decompressed; the last four bytes of a cut file almost never do.
            counted.CopyTo(Stream.Null);
            if ((uint)counted.BytesRead != expectedSize)
            {
                throw CorpusException.Truncated(path);
            }
        }
        catch (EndOfStreamException e)
        {
            throw CorpusException.Truncated(path, e);
        }
        catch (InvalidDataException e)
        {
            throw CorpusException.Corrupt(path, e.Message, e);
        }
        catch (FormatException e)
        {
            throw CorpusException.Corrupt(path, e.Message, e);
        }
        catch (IOException e)
        {
            throw CorpusException.Unreadable(path, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CorpusException.Unreadable(path, e);
        }

        return collector.Build();
    }

    private static uint ReadGzipSizeTrailer(FileStream file, string path)
    {
        if (file.Length < GzipMinimumLength)
        {
            throw CorpusException.Truncated(path);
        }

        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    private static TarEntry? NextEntry(TarReader reader, string path)
    {
        try
        {
            return reader.GetNextEntry(copyData: false);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Besides the documented exceptions, TarReader lets these escape for a damaged header: a number out of
            // range (a PAX mtime, a base-256 size) or a size field that does not fit the entry.
            throw CorpusException.Corrupt(path, e.Message, e);
        }
    }

    private static void ReadEntries(TarReader reader, ReviewCollector collector, string path, CancellationToken ct)
    {
        var buffer = new byte[64 << 10];
        while (NextEntry(reader, path) is { } entry)
        {
            ct.ThrowIfCancellationRequested();
            if (!CorpusLayout.TryParseEntryName(entry.Name, out var split, out var label, out var file, out var isReview))
            {
                continue;
            }

            collector.MarkFolder(split, label);
            if (!isReview || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                continue; // directories, symbolic and hard links: never followed
            }

            if (entry.Length > MaxReviewBytes)
            {
                throw CorpusException.Corrupt(path, $"entry {entry.Name} is {entry.Length} bytes, too large for a review");
            }

            var length = (int)entry.Length;
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            entry.DataStream?.ReadExactly(buffer, 0, length);
            collector.Add(split, label, file, buffer.AsSpan(0, entry.DataStream is null ? 0 : length), entry.Name);
        }
    }
}
