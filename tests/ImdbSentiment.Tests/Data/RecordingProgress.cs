using ImdbSentiment.Data;

namespace ImdbSentiment.Tests.Data;

/// <summary>Records progress reports synchronously, unlike <see cref="Progress{T}"/>, which posts them.</summary>
internal sealed class RecordingProgress : IProgress<DownloadProgress>
{
    private readonly List<DownloadProgress> _reports = [];

    public IReadOnlyList<DownloadProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(DownloadProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
