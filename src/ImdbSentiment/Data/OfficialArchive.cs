namespace ImdbSentiment.Data;

/// <summary>Where the Large Movie Review Dataset is published, and how to recognise the genuine file.</summary>
public static class OfficialArchive
{
    /// <summary>The file name the archive is published and cached under.</summary>
    public const string FileName = "aclImdb_v1.tar.gz";

    /// <summary>The archive's size in bytes.</summary>
    public const long Size = 84_125_825;

    /// <summary>The MD5 the authors publish for the archive.</summary>
    public const string Md5 = "7c2ac02c03563afcf9b574c7e56c153a";

    /// <summary>The download address.</summary>
    public static Uri Url { get; } = new("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz");

    /// <summary>The checksum a download must match.</summary>
    public static ArchiveChecksum Checksum { get; } = ArchiveChecksum.Md5(Md5);
}
