using TorchSharp.Modules;

namespace ImdbSentiment.Models;

/// <summary>
/// A model with large tables of which each batch reads only a few rows (an NBSVM's n-gram weights), so their gradients
/// are zero outside those rows and an optimizer may update just the rows a batch touched.
/// </summary>
internal interface IRowSparseParameters
{
    /// <summary>The parameters whose gradients are zero outside the rows the batch read.</summary>
    IEnumerable<Parameter> RowSparseParameters { get; }
}
