using System.Globalization;
using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Running;
using ImdbSentiment.Bench.Macro;
using ImdbSentiment.Bench.Macro.Internal;
using ImdbSentiment.Runtime;

// Usage: dotnet run -c Release --project bench/ImdbSentiment.Bench -- NAME [--json] [--data PATH] [--threads N] [--repeat N] [--name value ...]
//        dotnet run -c Release --project bench/ImdbSentiment.Bench -- micro [BenchmarkDotNet arguments]
var benchmarks = typeof(IMacroBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMacroBenchmark).IsAssignableFrom(t))
    .Select(t => (IMacroBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToDictionary(b => b.Name, StringComparer.Ordinal);

if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args[1..]);
    return 0;
}

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: bench NAME [--json] [--data PATH] [--threads N] [--repeat N] | micro [...]");
    foreach (var b in benchmarks.Values)
    {
        Console.Error.WriteLine($"  {b.Name,-16} {b.Description}");
    }

    return 2;
}

var json = false;
string? data = Environment.GetEnvironmentVariable("IMDB_SENTIMENT_DATA");
var threads = 2;
var repeat = 3;
var extra = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--json": json = true; break;
        case "--data": data = args[++i]; break;
        case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case var name when name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length:
            extra[name[2..]] = args[++i];
            break;
        default:
            Console.Error.WriteLine($"bench: unexpected argument '{args[i]}'");
            return 2;
    }
}

var figures = new Dictionary<string, object>(StringComparer.Ordinal)
{
    ["benchmark"] = benchmark.Name,
    ["machine"] = Machine.Describe(),
    ["threads"] = threads,
    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    ["load_average_at_start"] = Stats.LoadAverage(),
};
NativeRuntime.EnsureLoaded();
figures["openmp_waiting"] = OpenMpWaiting.Description;
foreach (var (key, value) in benchmark.Run(new MacroOptions(data, threads, repeat, extra)))
{
    figures[key] = value;
}

figures["load_average_at_end"] = Stats.LoadAverage();
if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
else
{
    foreach (var (key, value) in figures)
    {
        Console.WriteLine($"{key,-28} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
    }
}

return 0;
