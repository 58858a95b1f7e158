namespace ImdbSentiment.Data.Internal;

/// <summary>The parts of a review file name <c>&lt;id&gt;_&lt;rating&gt;.txt</c>.</summary>
/// <param name="Id">The id digits as written.</param>
/// <param name="NumericId">The id as a number, for ordering and duplicate detection.</param>
/// <param name="Rating">The rating.</param>
internal readonly record struct ReviewFileName(string Id, long NumericId, int Rating);
