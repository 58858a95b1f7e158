namespace ImdbSentiment.Data;

/// <summary>How far a download has come.</summary>
/// <param name="BytesReceived">Bytes in the partial file so far, including those kept from an earlier, resumed attempt.</param>
/// <param name="TotalBytes">The archive's full size, when the server tells it.</param>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes);
