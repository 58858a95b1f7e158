using System.Security.Cryptography;

namespace ImdbSentiment.Data;

/// <summary>An expected checksum of a file: MD5 (as the official archive publishes) or SHA-256.</summary>
public sealed record ArchiveChecksum
{
    private ArchiveChecksum(HashAlgorithmName algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary><see cref="HashAlgorithmName.MD5"/> or <see cref="HashAlgorithmName.SHA256"/>.</summary>
    public HashAlgorithmName Algorithm { get; }

    /// <summary>The digest in lowercase hexadecimal.</summary>
    public string Hex { get; }

    /// <summary>An MD5 checksum.</summary>
    /// <param name="hex">32 hexadecimal digits, either case.</param>
    public static ArchiveChecksum Md5(string hex) => new(HashAlgorithmName.MD5, Normalize(hex, 32, nameof(hex)));

    /// <summary>A SHA-256 checksum.</summary>
    /// <param name="hex">64 hexadecimal digits, either case.</param>
    public static ArchiveChecksum Sha256(string hex) => new(HashAlgorithmName.SHA256, Normalize(hex, 64, nameof(hex)));

    /// <summary>e.g. <c>MD5 7c2ac02c03563afcf9b574c7e56c153a</c>.</summary>
    public override string ToString() => $"{Algorithm.Name} {Hex}";

    /// <summary>Computes the same kind of checksum of a file, in lowercase hexadecimal.</summary>
    internal async Task<string> ComputeAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var digest = Algorithm == HashAlgorithmName.MD5
            ? await MD5.HashDataAsync(stream, ct).ConfigureAwait(false)
            : await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false);
        return Convert.ToHexStringLower(digest);
    }

    internal bool Matches(string hex) => string.Equals(Hex, hex, StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string hex, int digits, string parameter)
    {
        ArgumentNullException.ThrowIfNull(hex, parameter);
        var trimmed = hex.Trim();
        if (trimmed.Length != digits || trimmed.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF"))
        {
            throw new ArgumentException($"must be {digits} hexadecimal digits", parameter);
        }

        return trimmed.ToLowerInvariant();
    }
}
