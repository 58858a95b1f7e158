using System.Collections;
using Razorvine.Pickle;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ImdbSentiment.Interop.Internal;

/// <summary>
/// Reads a <c>torch.save</c>d state_dict with TorchSharp.PyBridge's unpickler. That unpickler (Razorvine.Pickle)
/// never runs code or instantiates types named in the file: globals other than torch's tensor rebuilders and
/// <c>collections.OrderedDict</c> become inert dictionaries, which fail the checks here.
/// </summary>
internal static class StateDictReader
{
    /// <summary>The tensors by key; the caller disposes them.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        Hashtable table;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length < 4)
            {
                throw InteropException.NotAStateDict(path, "too short");
            }

            table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false);
        }
        catch (Exception ex) when (ex is PickleException or InvalidDataException or InvalidCastException or NotImplementedException
                                       or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException
                                       or NullReferenceException or ArgumentException or EndOfStreamException
                                       or System.Runtime.InteropServices.ExternalException)
        {
            throw InteropException.NotAStateDict(path, Reason(ex), ex);
        }

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (DictionaryEntry entry in table)
            {
                if (entry.Key is not string key || entry.Value is not Tensor tensor)
                {
                    throw InteropException.NotAStateDict(path, $"entry {entry.Key} is a {entry.Value?.GetType().Name ?? "null"}, not a tensor");
                }

                tensors[key] = tensor;
            }
        }
        catch
        {
            foreach (var value in table.Values)
            {
                (value as Tensor)?.Dispose();
            }

            throw;
        }

        if (tensors.Count == 0)
        {
            throw InteropException.NotAStateDict(path, "no tensors");
        }

        return tensors;
    }

    private static string Reason(Exception ex) => ex switch
    {
        InvalidCastException => "its pickle is not a dictionary of tensors",
        NotImplementedException when ex.Message.Contains("old PyTorch format", StringComparison.Ordinal) =>
            "the legacy non-zip format; re-save it with PyTorch ≥ 1.6",
        NotImplementedException when ex.Message.Contains("entire model", StringComparison.Ordinal) =>
            "a whole pickled module, not its state_dict",
        InvalidOperationException when ex.Message.Contains("Sequence contains no matching element", StringComparison.Ordinal) =>
            "no data.pkl or a missing tensor entry",
        InvalidDataException => "not a zip archive",
        _ => ex.Message.Split('\n', 2)[0],
    };
}
