using ImdbSentiment.Tests.Data;
using ImdbSentiment.Tests.Fixtures;
using ImdbSentiment.Tests.Serving;

namespace ImdbSentiment.Tests.Cli;

/// <summary>
/// Bad command lines and bad files for every command, run as the real CLI: exit 2 for a usage error, 1 for a
/// failure, and exactly one line on stderr that names the problem, with no stack trace and nothing on stdout.
/// In a command line, {model} is a tiny valid bundle, {vocab} a valid vocabulary, {missing} and {new} paths that
/// do not exist, {onnx} the model exported to ONNX, {garbageonnx} random bytes named .onnx with a vocabulary beside them, {folder} an empty folder, {nonempty} a folder with a file, {garbage} random bytes, {empty} a
/// zero-byte file, {truncated} half a corpus archive, {latin1} text that is not UTF-8 and {locked} a file with mode 000.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class BadInputTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>, IDisposable
{
    private const string UnknownOption = "Unknown option 'no-such-option'.";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    // unknown options
    [InlineData("data --no-such-option", 2, UnknownOption)]
    [InlineData("tokenize --no-such-option", 2, UnknownOption)]
    [InlineData("train --no-such-option", 2, UnknownOption)]
    [InlineData("evaluate --no-such-option", 2, UnknownOption)]
    [InlineData("predict --no-such-option", 2, UnknownOption)]
    [InlineData("info --no-such-option", 2, UnknownOption)]
    [InlineData("serve --no-such-option", 2, UnknownOption)]
    [InlineData("export --no-such-option", 2, UnknownOption)]
    [InlineData("import --no-such-option", 2, UnknownOption)]
    [InlineData("calibrate --no-such-option", 2, UnknownOption)]
    [InlineData("ensemble --no-such-option", 2, UnknownOption)]
    [InlineData("pretrain --no-such-option", 2, UnknownOption)]
    // data
    [InlineData("data --min-freq 0", 2, "--min-freq must be ≥ 1")]
    [InlineData("data --min-freq many", 2, "many is not a valid value for Int32.")]
    [InlineData("data --seed -1", 2, "-1 is not a valid value for UInt64.")]
    [InlineData("data --data {missing}", 1, "IMDb corpus not found at {missing}")]
    [InlineData("data --data {truncated}", 1, "{truncated} ends early")]
    [InlineData("data --data {garbage}", 1, "{garbage} is not a readable .tar.gz archive")]
    [InlineData("data --data {folder}", 1, "{folder} has no subfolders: a dataset folder holds one subfolder per class")]
    [InlineData("data --data {locked}", 1, "{locked} could not be read")]
    // data: the user's own files (docs/data.md)
    [InlineData("data --data {missing}.csv", 1, "dataset not found at {missing}.csv")]
    [InlineData("data --format xml --data {folder}", 2, "--format must be csv, tsv, jsonl, parquet or folder")]
    [InlineData("data --format csv", 2, "--format: pass --data with the file or folder to read")]
    [InlineData("data --max-text-length 0", 2, "--max-text-length must be ≥ 1")]
    [InlineData("data --text-column review", 2, "--format, --text-column, --label-column, --validation, --test, --skip-bad-rows and --max-text-length apply to your own data file")]
    [InlineData("data --data {nocolumn}", 1, "{nocolumn} has no column \"text\" (columns: \"review\", \"label\"); pass --text-column with one of them")]
    [InlineData("data --data {badquote}", 1, "badquote.csv row 2: ")]
    [InlineData("data --data {emptytext} --skip-bad-rows --label-column label", 1, "{emptytext}: every training row has the label \"a\"; a classifier needs at least two classes")]
    [InlineData("data --data {emptytext}", 1, "emptytext.csv row 2: the text is empty; fix it, or pass --skip-bad-rows to count and skip such rows")]
    [InlineData("data --data {garbage} --format parquet", 1, "{garbage} could not be read (")]
    // tokenize
    [InlineData("tokenize --jsonl-input", 2, "input line 1 is not JSON", "not json\n")]
    [InlineData("tokenize --jsonl-input", 2, "input line 1 is not a JSON string or an object with a \"text\" string", "{\"text\": 5}\n")]
    [InlineData("tokenize --json --jsonl-input", 2, "input line 1 is not JSON", "\"unterminated\n")]
    // train
    [InlineData("train --batch-size 0", 2, "--batch-size must be ≥ 1")]
    [InlineData("train --lr -1", 2, "--lr must be > 0")]
    [InlineData("train --lr NaN", 2, "--lr must be > 0")]
    [InlineData("train --threads 0", 2, "--threads must be ≥ 1")]
    [InlineData("train --recompute-segment -1", 2, "--recompute-segment must be ≥ 0")]
    [InlineData("train --recompute-above -1", 2, "--recompute-above must be ≥ 0")]
    [InlineData("train --resume {folder} --recompute-above 512", 2, "--resume continues a run with its own settings")]
    [InlineData("train --resume {folder} --recompute-segment 64", 2, "--resume continues a run with its own settings")]
    [InlineData("train --precision fp16", 2, "--precision must be fp32 or bf16")]
    [InlineData("train --resume {folder} --precision bf16", 2, "--resume continues a run with its own settings")]
    [InlineData("train --epochs 0", 2, "--epochs must be ≥ 1")]
    [InlineData("train --preset nbsvm --ngram-buckets 1000", 2, "--ngram-buckets must be a power of two from 1024 to 16777216")]
    [InlineData("train --resume {folder} --ngram-buckets 1024", 2, "--resume continues a run with its own settings")]
    [InlineData("train --epochs 99999999999", 2, "99999999999 is not a valid value for Int32.")]
    [InlineData("train --limit 5", 2, "--limit must be ≥ 10")]
    [InlineData("train --preset huge", 2, "--preset must be one of seed-rnn, seed-gru, best, nbsvm")]
    [InlineData("train --preset nbsvm --precision bf16 --data {missing} --out {new}", 2, "--precision: the nbsvm preset trains in fp32 only")]
    [InlineData("train --resume {folder} --lr 0.1", 2, "--resume continues a run with its own settings")]
    [InlineData("train --resume {folder} --normalize-br", 2, "--resume continues a run with its own settings")]
    [InlineData("train --resume {folder} --text-column review", 2, "--resume continues a run with its own settings")]
    [InlineData("train --out {nonempty}", 2, "--out {nonempty} already exists and is not empty")]
    [InlineData("train --out {garbage}", 2, "--out {garbage} is a file")]
    [InlineData("train --resume {folder}", 2, "--resume {folder}: there is no checkpoint.bundle")]
    // A million epochs pass validation: the run then fails, cheaply, on the corpus.
    [InlineData("train --epochs 1000000 --data {missing} --out {new}", 1, "IMDb corpus not found at {missing}")]
    // evaluate
    [InlineData("evaluate --split train", 2, "--split must be test or validation")]
    [InlineData("evaluate --precision fp16", 2, "--precision must be fp32 or bf16")]
    [InlineData("predict --precision half x", 2, "--precision must be fp32 or bf16")]
    [InlineData("evaluate --limit 5", 2, "--limit must be ≥ 10")]
    [InlineData("evaluate --model {missing}", 1, "{missing}: no such model bundle")]
    [InlineData("evaluate --model {folder}", 1, "{folder}: no such model bundle")]
    [InlineData("evaluate --model {garbage}", 1, "{garbage}: the model bundle is truncated or not a bundle")]
    [InlineData("evaluate --model {model} --data {missing}", 1, "IMDb corpus not found at {missing}")]
    [InlineData("evaluate --plots {garbage}", 2, "--plots {garbage} is a file")]
    // pretrain
    [InlineData("pretrain --epochs 0", 2, "--epochs must be ≥ 1")]
    [InlineData("pretrain --sampled-words 0", 2, "--sampled-words must be ≥ 1")]
    [InlineData("pretrain --held-out 0", 2, "--held-out must be ≥ 1")]
    [InlineData("pretrain --limit 5", 2, "--limit must be ≥ 10")]
    [InlineData("pretrain --resume {folder} --lr 0.1", 2, "--resume continues a run with its own settings")]
    [InlineData("pretrain --resume {folder}", 2, "--resume {folder}: there is no checkpoint.bundle")]
    [InlineData("pretrain --out {nonempty}", 2, "--out {nonempty} already exists and is not empty")]
    [InlineData("pretrain --data {missing} --out {new}", 1, "IMDb corpus not found at {missing}")]
    // train --from
    [InlineData("train --from {model} --resume {folder}", 2, "--from starts a new run")]
    [InlineData("train --from {model} --min-freq 2 --out {new}", 2, "--from trains on the bundle's vocabulary")]
    [InlineData("train --frozen-epochs 1 --out {new}", 2, "--frozen-epochs and --body-lr-factor tune a model started with --from; pass --from BUNDLE")]
    [InlineData("train --from {model} --frozen-epochs -1 --out {new}", 2, "--frozen-epochs must be ≥ 0")]
    [InlineData("train --from {model} --body-lr-factor 2 --out {new}", 2, "--body-lr-factor must be > 0 and ≤ 1")]
    [InlineData("data --imdb-labels genre", 2, "--imdb-labels must be sentiment or stars")]
    [InlineData("train --from {missing} --out {new}", 1, "{missing}: no such model bundle")]
    [InlineData("train --preset nbsvm --from {model} --out {new}", 2, "none of its weights fits the nbsvm model")]
    // ensemble
    [InlineData("ensemble --member {model} --out {new}", 2, "give two or more --member bundles")]
    [InlineData("ensemble --member {model} --member {model}", 2, "--out is required")]
    [InlineData("ensemble --member {model} --member {missing} --out {new}", 1, "{missing}: no such model bundle")]
    [InlineData("ensemble --member {model} --member {model} --out {folder}", 2, "--out {folder} is a folder")]
    // unpack
    [InlineData("unpack --out {new}", 2, "--model is required")]
    [InlineData("unpack --model {model}", 2, "--out is required")]
    [InlineData("unpack --model {model} --out {garbage}", 2, "--out {garbage} is a file")]
    [InlineData("unpack --model {missing} --out {new}", 1, "{missing}: no such model bundle")]
    [InlineData("unpack --model {model} --out {new}", 1, "holds a single model")]
    // train --teacher
    [InlineData("train --teacher-confidence 0.9 --out {new}", 2, "--teacher-confidence and --unlabeled go with --teacher BUNDLE")]
    [InlineData("train --teacher {model} --teacher-confidence 1.5 --out {new}", 2, "--teacher-confidence must be above 0.5 and below 1")]
    [InlineData("train --teacher {missing} --out {new}", 1, "{missing}: no such model bundle")]
    [InlineData("train --resume {folder} --teacher {model}", 2, "--resume continues a run with its own settings")]
    // calibrate
    [InlineData("calibrate", 2, "--model is required")]
    [InlineData("calibrate --model {missing}", 1, "{missing}: no such model bundle")]
    [InlineData("calibrate --model {garbage}", 1, "{garbage}: the model bundle is truncated or not a bundle")]
    [InlineData("calibrate --model {model} --out {folder}", 2, "--out {folder} is a folder")]
    [InlineData("calibrate --model {model} --data {missing}", 1, "IMDb corpus not found at {missing}")]
    // predict
    [InlineData("predict --threads 0", 2, "--threads must be ≥ 1")]
    [InlineData("predict --model {empty} hello", 1, "{empty}: the model bundle is truncated or not a bundle")]
    [InlineData("predict --model {model} --input {missing}", 2, "--input {missing}: no such file")]
    [InlineData("predict --model {model} --input {folder}", 2, "--input {folder}: no such file")]
    [InlineData("predict --model {model} --input {latin1}", 2, "--input {latin1} is not valid UTF-8 text")]
    [InlineData("predict --model {model} --input {locked}", 1, "{locked}")]
    [InlineData("predict --model {model} --jsonl", 2, "input line 1 is not a JSON string", "[1, 2]\n")]
    [InlineData("predict --engine gpu hello", 2, "--engine must be auto, libtorch or onnx")]
    [InlineData("predict --model {model} --engine onnx hello", 2, "--engine onnx runs an exported model; export {model} first")]
    [InlineData("predict --model {onnx} --engine libtorch hello", 2, "{onnx} is an ONNX model; it runs on --engine onnx (or auto), not libtorch")]
    [InlineData("predict --model {onnx} --precision bf16 hello", 2, "--precision bf16 is a libtorch option; ONNX Runtime runs the exported model in fp32")]
    [InlineData("predict --model {missing}.onnx hello", 1, "{missing}.onnx: no such ONNX model")]
    [InlineData("predict --model {garbageonnx} hello", 1, "{garbageonnx}: not an ONNX model ONNX Runtime can load (")]
    // info
    [InlineData("info --preset seed-gru", 2, "--preset needs --vocab-size N with N ≥ 2")]
    [InlineData("info --preset seed-gru --vocab-size 1", 2, "--preset needs --vocab-size N with N ≥ 2")]
    [InlineData("info --vocab-size 100", 2, "--vocab-size goes with --preset")]
    [InlineData("info --model {model} --preset seed-gru --vocab-size 100", 2, "give either --model or --preset, not both")]
    [InlineData("info --model {garbage}", 1, "{garbage}: the model bundle is truncated or not a bundle")]
    // serve
    [InlineData("serve --threads 0", 2, "--threads must be ≥ 1")]
    [InlineData("serve --max-batch 0", 2, "--max-batch must be ≥ 1")]
    [InlineData("serve --urls ;", 2, "--urls must name at least one URL")]
    [InlineData("serve --urls http://127.0.0.1:5080/path", 2, "'http://127.0.0.1:5080/path' is not an http://HOST:PORT URL")]
    [InlineData("serve --model {missing}", 1, "{missing}: no such model bundle")]
    [InlineData("serve --drain-seconds -1", 2, "--drain-seconds must be between 0 and 3600")]
    [InlineData("serve --engine tpu", 2, "--engine must be auto, libtorch or onnx")]
    // export
    [InlineData("export --model {model} --format pytorch --out {folder}", 2, "--out must name a file")]
    [InlineData("export --model {missing} --format pytorch --out {new}", 1, "{missing}: no such model bundle")]
    [InlineData("export --model {garbage} --format pytorch --out {new}", 1, "{garbage}: the model bundle is truncated or not a bundle")]
    // import
    [InlineData("import --format pytorch --state-dict {garbage} --preset seed-gru --out {new}", 2, "--vocab FILE is required")]
    [InlineData("import --format pytorch --state-dict {garbage} --vocab {vocab} --preset seed-gru --out {folder}", 2, "--out must name a file")]
    [InlineData("import --format pytorch --state-dict {garbage} --vocab {vocab} --preset seed-gru --labels a --out {new}", 2, "--labels must name at least two distinct classes, comma-separated")]
    [InlineData("import --format pytorch --state-dict {garbage} --vocab {vocab} --preset seed-gru --labels a,a --out {new}", 2, "--labels must name at least two distinct classes, comma-separated")]
    [InlineData("import --format pytorch --state-dict {folder} --vocab {vocab} --preset seed-gru --out {new}", 1, "{folder}: no such state_dict file")]
    [InlineData("import --format pytorch --state-dict {garbage} --vocab {empty} --preset seed-gru --out {new}", 1, "{empty}: not a valid vocabulary")]
    [InlineData("import --format pytorch --state-dict {garbage} --vocab {vocab} --preset seed-gru --out {new}", 1, "{garbage}: not a PyTorch state_dict")]
    public void Should_exit_with_one_line_naming_the_problem(string commandLine, int exitCode, string message, string? stdin = null)
    {
        // Given
        Skip.If(commandLine.Contains("{locked}", StringComparison.Ordinal) && (Environment.IsPrivilegedProcess || OperatingSystem.IsWindows()),
            "root reads a file whatever its mode (and Windows has no such mode), so mode 000 cannot make it unreadable");
        var paths = Paths();
        string Expand(string text) => paths.Aggregate(text, (expanded, path) => expanded.Replace(path.Key, path.Value, StringComparison.Ordinal));

        // When
        var result = CliProcess.Run(Expand(commandLine).Split(' '), stdin);

        // Then
        var stderr = result.Stderr.TrimEnd();
        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}, stderr: {stderr}");
        Assert.Single(stderr.Split('\n'));
        Assert.StartsWith("sentiment: error: ", stderr);
        Assert.Contains(Expand(message), stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.Equal("", result.Stdout);
    }

    private Dictionary<string, string> Paths()
    {
        var folder = Directory.CreateDirectory(_temp.Combine("folder")).FullName;
        var nonEmpty = Directory.CreateDirectory(_temp.Combine("nonempty")).FullName;
        File.WriteAllText(Path.Combine(nonEmpty, "metrics.csv"), "epoch\n");
        var garbage = _temp.Combine("garbage.bin");
        var random = new byte[4096];
        new Random(3).NextBytes(random);
        File.WriteAllBytes(garbage, random);
        var empty = _temp.Combine("empty.bin");
        File.WriteAllBytes(empty, []);
        var archive = SyntheticCorpus.Standard().ToTarGz();
        var truncated = _temp.Combine("truncated.tar.gz");
        File.WriteAllBytes(truncated, archive[..(archive.Length / 2)]);
        var latin1 = _temp.Combine("latin1.txt");
        File.WriteAllBytes(latin1, [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'\n']);
        var noColumn = _temp.Combine("nocolumn.csv");
        File.WriteAllText(noColumn, "review,label\nfine,a\n");
        var badQuote = _temp.Combine("badquote.csv");
        File.WriteAllText(badQuote, "text,label\nfine,a\n\"broken \"quote,b\n");
        var emptyText = _temp.Combine("emptytext.csv");
        File.WriteAllText(emptyText, "text,label\nfine,a\n  ,b\ngood,a\n");
        var vocab = _temp.Combine("vocab.json");
        File.WriteAllText(vocab, "[\"<unk>\", \"<PAD>\", \"film\"]");
        var garbageOnnx = _temp.Combine("garbage.onnx");
        File.Copy(garbage, garbageOnnx);
        File.Copy(vocab, _temp.Combine("garbage.vocab.json"));
        var locked = _temp.Combine("locked.tar.gz");
        File.WriteAllBytes(locked, archive);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(locked, UnixFileMode.None);
        }

        return new()
        {
            ["{model}"] = model.ModelPath,
            ["{onnx}"] = model.OnnxPath,
            ["{garbageonnx}"] = garbageOnnx,
            ["{vocab}"] = vocab,
            ["{missing}"] = _temp.Combine("missing"),
            ["{new}"] = _temp.Combine("new"),
            ["{folder}"] = folder,
            ["{nonempty}"] = nonEmpty,
            ["{garbage}"] = garbage,
            ["{empty}"] = empty,
            ["{truncated}"] = truncated,
            ["{latin1}"] = latin1,
            ["{locked}"] = locked,
            ["{nocolumn}"] = noColumn,
            ["{badquote}"] = badQuote,
            ["{emptytext}"] = emptyText,
        };
    }
}
