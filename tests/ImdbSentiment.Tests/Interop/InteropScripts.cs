using System.Runtime.CompilerServices;

namespace ImdbSentiment.Tests.Interop;

/// <summary>The scripts other runtimes run in the interop tests (<c>reference_model.py</c>, <c>onnx_runtime_node.js</c>), kept beside this file.</summary>
public static class InteropScripts
{
    /// <summary>The script: copied next to the test assembly if the project copies it, else beside this source file.</summary>
    public static string Path(string name)
    {
        var copied = System.IO.Path.Combine(AppContext.BaseDirectory, "Interop", name);
        if (File.Exists(copied))
        {
            return copied;
        }

        var source = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(SourceFile())!, name);
        return File.Exists(source)
            ? source
            : throw new FileNotFoundException($"{name} is neither at {copied} nor at {source}");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
