using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;

namespace ImdbSentiment.Data.Internal;

/// <summary>The content of one regular file of an archive, valid only during the call.</summary>
internal delegate void ArchiveFileHandler(string entryName, ReadOnlySpan<byte> content);

/// <summary>
/// Streams a <c>.tar.gz</c> in one pass without extracting anything, and turns every way it can be damaged into a
/// <see cref="CorpusException"/>: cut short (checked against the gzip trailer), corrupt, unreadable, or holding a file
/// far larger than any review.
/// </summary>
internal static class TarGzFiles
{
    // The largest real review is about 14 KB; anything far beyond that is not a review and would only waste memory.
    private const int MaxFileBytes = 16 << 20;
    private const int GzipMinimumLength = 18; // 10-byte header + 8-byte trailer

    /// <summary>
    /// Shows <paramref name="wants"/> every entry's name and whether it is a regular file (links are never followed),
    /// and hands the content of each regular file it wants to <paramref name="onFile"/>.
    /// </summary>
    public static void Read(string path, Func<string, bool, bool> wants, ArchiveFileHandler onFile, CancellationToken ct)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var expectedSize = ReadGzipSizeTrailer(file, path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var counted = new CountingReadStream(gzip);
            using (var reader = new TarReader(counted, leaveOpen: true))
            {
                ReadEntries(reader, path, wants, onFile, ct);
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

    private static void ReadEntries(TarReader reader, string path, Func<string, bool, bool> wants, ArchiveFileHandler onFile, CancellationToken ct)
    {
        var buffer = new byte[64 << 10];
        while (NextEntry(reader, path) is { } entry)
        {
            ct.ThrowIfCancellationRequested();
            var isFile = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;
            if (!wants(entry.Name, isFile) || !isFile)
            {
                continue;
            }

            if (entry.Length > MaxFileBytes)
            {
                throw CorpusException.Corrupt(path, $"entry {entry.Name} is {entry.Length} bytes, too large for a review");
            }

            var length = (int)entry.Length;
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            entry.DataStream?.ReadExactly(buffer, 0, length);
            onFile(entry.Name, buffer.AsSpan(0, entry.DataStream is null ? 0 : length));
        }
    }
}
